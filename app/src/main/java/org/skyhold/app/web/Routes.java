package org.skyhold.app.web;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way routes are added: each carries its {@link Access} and a summary, so the access check, the
 * OpenAPI document and the "every route is protected" test all read the same table. Controllers fill it;
 * {@link WebApp} applies it to Javalin.
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
        entries.add(new Entry(new RouteInfo(method, path, access, summary, path.startsWith("/api/")), h));
        return this;
    }

    public synchronized List<RouteInfo> table() {
        return entries.stream().map(Entry::info).toList();
    }

    synchronized void applyTo(Javalin app) {
        for (Entry e : entries) {
            app.addHttpHandler(e.info().method(), e.info().path(), e.handler(), e.info().access());
        }
    }
}
