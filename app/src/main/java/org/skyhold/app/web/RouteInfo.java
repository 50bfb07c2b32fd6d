package org.skyhold.app.web;

import io.javalin.http.HandlerType;

/** What the route table knows of a route: enough for the access check, the OpenAPI document and tests. */
public record RouteInfo(HandlerType method, String path, Access access, String summary, boolean json) {
}
