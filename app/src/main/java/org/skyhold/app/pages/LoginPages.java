package org.skyhold.app.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import org.skyhold.app.auth.AuthService;
import org.skyhold.app.auth.LoginRefusedException;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.ClientAddress;
import org.skyhold.app.web.Routes;
import org.skyhold.app.web.SecurityFilter;
import org.skyhold.web.view.PageContext;

/** Sign in and sign out. The session cookie is HttpOnly, SameSite=Strict, and Secure behind https. */
public final class LoginPages {
    private final AuthService auth;
    private final boolean secureCookies;
    private final ClientAddress clientAddress;

    /** @param clientAddress tells the throttle and the events where a sign-in comes from */
    public LoginPages(AuthService auth, boolean secureCookies, ClientAddress clientAddress) {
        this.auth = auth;
        this.secureCookies = secureCookies;
        this.clientAddress = clientAddress;
    }

    public void register(Routes r) {
        r.get("/login", this::form, Access.OPEN, "Sign-in page")
                .post("/login", this::login, Access.OPEN, "Sign in")
                .post("/logout", this::logout, Access.SIGNED_IN, "Sign out");
    }

    private void form(Context ctx) {
        render(ctx, null, SafeRedirect.of(ctx.queryParam("next")));
    }

    private void login(Context ctx) {
        String next = SafeRedirect.of(ctx.formParam("next"));
        try {
            AuthService.SignedIn signedIn = auth.login(value(ctx.formParam("username")),
                    value(ctx.formParam("password")), clientAddress.of(ctx));
            ctx.header("Set-Cookie", SecurityFilter.SESSION_COOKIE + "=" + signedIn.token()
                    + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200" + (secureCookies ? "; Secure" : ""));
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        } catch (LoginRefusedException e) {
            if (!e.retryAfter().isZero()) {
                ctx.header("Retry-After", Long.toString(e.retryAfter().toSeconds() + 1));
                ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            } else {
                ctx.status(HttpStatus.UNAUTHORIZED);
            }
            render(ctx, e.getMessage(), next);
        }
    }

    private void logout(Context ctx) {
        auth.logout(ctx.cookie(SecurityFilter.SESSION_COOKIE));
        ctx.header("Set-Cookie", SecurityFilter.SESSION_COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
                + (secureCookies ? "; Secure" : ""));
        ctx.redirect("/login?notice=signed-out", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, String error, String next) {
        Map<String, Object> model = new HashMap<>();
        model.put("page", new PageContext("Sign in", null, null, null).withNotice(
                NoticeText.of(value(ctx.queryParam("notice"))), "ok"));
        model.put("error", error);
        model.put("next", next);
        ctx.render("login.jte", model);
    }

    private static String value(String s) {
        return s == null ? "" : s;
    }
}
