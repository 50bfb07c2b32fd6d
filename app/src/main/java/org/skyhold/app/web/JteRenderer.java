package org.skyhold.app.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.Map;

/**
 * Renders the templates of {@code web-templates}, precompiled into classes at build time, so nothing is
 * compiled at run time and a broken template fails the build rather than a request.
 */
public final class JteRenderer implements FileRenderer {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    @Override
    public String render(String filePath, Map<String, ?> model, Context ctx) {
        StringOutput out = new StringOutput();
        @SuppressWarnings("unchecked") // JTE takes Map<String, Object>; with Map<String, ?> it picks its one-param overload
        Map<String, Object> params = (Map<String, Object>) model;
        engine.render(filePath, params, out);
        return out.toString();
    }
}
