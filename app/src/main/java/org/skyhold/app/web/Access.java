package org.skyhold.app.web;

import io.javalin.security.RouteRole;

/** Who may call a route: anyone, an agent with its own token (checked by the handler), or a signed-in caller. */
public enum Access implements RouteRole {
    OPEN, AGENT_TOKEN, SIGNED_IN
}
