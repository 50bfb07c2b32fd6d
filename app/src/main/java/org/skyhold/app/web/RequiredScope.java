package org.skyhold.app.web;

import io.javalin.security.RouteRole;
import org.skyhold.domain.model.ApiScope;

/** The scope a caller needs for a route, carried to Javalin beside the route's {@link Access}. */
public record RequiredScope(ApiScope scope) implements RouteRole {
}
