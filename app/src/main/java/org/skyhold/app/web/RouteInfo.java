package org.skyhold.app.web;

import io.javalin.http.HandlerType;
import org.skyhold.domain.model.ApiScope;

/**
 * What the route table knows of a route: enough for the access check, the OpenAPI document and tests.
 * {@code scope} is what an API key needs to call it (meaningful for {@link Access#SIGNED_IN} routes).
 */
public record RouteInfo(HandlerType method, String path, Access access, String summary, boolean json, ApiScope scope) {
}
