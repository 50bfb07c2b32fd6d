package org.skyhold.app.web;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.skyhold.domain.model.ApiScope;

/**
 * The one way routes are added: each carries its {@link Access} and a summary, so the access check, the
 * OpenAPI document and the "every route is protected" test all read the same table. Controllers fill it;
 * {@link WebApp} applies it to Javalin. Each route also needs an API scope: reads ({@code GET}) need
 * {@code read}, every write {@code admin}, unless {@link #scope} lowers it (session request and end).
 */
public final class Routes {
    private record Entry(RouteInfo info, Handler handler) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public Routes get(String path, Handler h, Access access, String summary) {
        return add(HandlerType.GET, path, h, access, summary);
    }

    public Routes post(String path, Handler h, Access access, String summary) {
        return add(HandlerType.POST, path, h, access, summary);
    }

    public Routes put(String path, Handler h, Access access, String summary) {
        return add(HandlerType.PUT, path, h, access, summary);
    }

    public Routes delete(String path, Handler h, Access access, String summary) {
        return add(HandlerType.DELETE, path, h, access, summary);
    }

    private synchronized Routes add(HandlerType method, String path, Handler h, Access access, String summary) {
        ApiScope scope = method == HandlerType.GET ? ApiScope.READ : ApiScope.ADMIN;
        entries.add(new Entry(new RouteInfo(method, path, access, summary, path.startsWith("/api/"), scope), h));
        return this;
    }

    /** Sets the scope of the route added last (for writes a key of less than {@code admin} may make). */
    public synchronized Routes scope(ApiScope scope) {
        Entry last = entries.remove(entries.size() - 1);
        RouteInfo i = last.info();
        entries.add(new Entry(new RouteInfo(i.method(), i.path(), i.access(), i.summary(), i.json(), scope),
                last.handler()));
        return this;
    }

    public synchronized List<RouteInfo> table() {
        return entries.stream().map(Entry::info).toList();
    }

    synchronized void applyTo(Javalin app) {
        for (Entry e : entries) {
            app.addHttpHandler(e.info().method(), e.info().path(), e.handler(),
                    Set.of(e.info().access(), new RequiredScope(e.info().scope())).toArray(new RouteRole[0]));
        }
    }
}
