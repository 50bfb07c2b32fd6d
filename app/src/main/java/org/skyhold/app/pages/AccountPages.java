package org.skyhold.app.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import org.skyhold.app.auth.AuthService;
import org.skyhold.app.settings.FieldError;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.app.web.SecurityFilter;

/**
 * The account page: the admin's password change. Passwords typed are never shown again, not even after a
 * refusal. A change ends every session (the service does that), so success leads to the sign-in page.
 */
public final class AccountPages {
    private final AuthService auth;

    /** @param auth checks the current password and ends every session on a change */
    public AccountPages(AuthService auth) {
        this.auth = auth;
    }

    /** Adds the account pages. */
    public void register(Routes r) {
        r.get("/account", this::form, Access.SIGNED_IN, "Account page: change the admin password")
                .post("/account/password", this::changePassword, Access.SIGNED_IN, "Change the admin password");
    }

    private void form(Context ctx) {
        ctx.render("account.jte", Map.of("page", Pages.context(ctx, "Account"), "errors", Map.of()));
    }

    private void changePassword(Context ctx) {
        try {
            auth.changePassword(SecurityFilter.requireActor(ctx).userId(), ctx.formParam("current_password"),
                    ctx.formParam("new_password"), ctx.formParam("repeat_password"));
            // the session behind this cookie is gone; drop the cookie too rather than leave a dead one behind
            ctx.header("Set-Cookie", SecurityFilter.SESSION_COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
            ctx.redirect("/login?notice=password-changed", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            Map<String, String> errors = new HashMap<>();
            for (FieldError error : e.errors()) {
                errors.putIfAbsent(error.field(), error.message());
            }
            ctx.status(HttpStatus.BAD_REQUEST).render("account.jte",
                    Map.of("page", Pages.context(ctx, "Account"), "errors", errors));
        }
    }
}
