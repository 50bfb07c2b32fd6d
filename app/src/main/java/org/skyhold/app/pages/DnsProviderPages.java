package org.skyhold.app.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.app.settings.DnsProviderService;
import org.skyhold.app.settings.FieldError;
import org.skyhold.app.settings.ProviderKinds;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.DnsProviderKind;
import org.skyhold.web.view.DnsProviderRow;
import org.skyhold.web.view.FormView;
import org.skyhold.web.view.PageContext;

/**
 * The DNS provider pages: the list with a choice of service to add, and one page per provider to change or
 * delete it. A provider a zone still uses cannot be deleted; the page says so.
 */
public final class DnsProviderPages {
    private final DnsProviderService providers;

    /** @param providers the same service the JSON API uses, so both validate alike */
    public DnsProviderPages(DnsProviderService providers) {
        this.providers = providers;
    }

    /** Adds the pages; {@code /dns-providers/new} goes before {@code {id}} so it is not read as an id. */
    public void register(Routes r) {
        r.get("/dns-providers", this::list, Access.SIGNED_IN, "DNS providers list")
                .get("/dns-providers/new", this::newForm, Access.SIGNED_IN, "New-DNS-provider form (?kind=route53)")
                .post("/dns-providers", this::create, Access.SIGNED_IN, "Add a DNS provider from the form")
                .get("/dns-providers/{id}", this::edit, Access.SIGNED_IN, "DNS provider page")
                .post("/dns-providers/{id}", this::update, Access.SIGNED_IN, "Save a DNS provider from the form")
                .post("/dns-providers/{id}/delete", this::delete, Access.SIGNED_IN, "Delete a DNS provider");
    }

    private void list(Context ctx) {
        List<DnsProviderRow> rows = providers.list().stream().map(p -> new DnsProviderRow(p.id(), p.name(),
                KindNames.of(p.settings().kind()), p.settings().endpointOverride())).toList();
        ctx.render("dns-providers.jte", Map.of("page", Pages.context(ctx, "DNS providers"), "providers", rows,
                "kinds", KindNames.dnsKinds()));
    }

    private void newForm(Context ctx) {
        DnsProviderKind kind = ProviderKinds.parse(DnsProviderKind.class, ctx.queryParam("kind"));
        ctx.render("dns-provider.jte", newModel(ctx, kind, Map.of(), List.of()));
    }

    private void create(Context ctx) {
        Map<String, String> input = Forms.input(ctx);
        try {
            DnsProviderConfig created = providers.create(input, Pages.actor(ctx));
            ctx.redirect("/dns-providers/" + created.id() + "?notice=created", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            DnsProviderKind kind = ProviderKinds.parse(DnsProviderKind.class, input.get("kind"));
            ctx.status(HttpStatus.BAD_REQUEST).render("dns-provider.jte", newModel(ctx, kind, input, e.errors()));
        }
    }

    private void edit(Context ctx) {
        DnsProviderConfig config = providers.get(Pages.id(ctx, "id"));
        ctx.render("dns-provider.jte", editModel(Pages.context(ctx, config.name()), config, Map.of(), List.of()));
    }

    private void update(Context ctx) {
        long id = Pages.id(ctx, "id");
        Map<String, String> input = Forms.input(ctx);
        try {
            providers.update(id, input, Pages.actor(ctx));
            ctx.redirect("/dns-providers/" + id + "?notice=saved", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            DnsProviderConfig config = providers.get(id);
            ctx.status(HttpStatus.BAD_REQUEST).render("dns-provider.jte",
                    editModel(Pages.context(ctx, config.name()), config, input, e.errors()));
        }
    }

    /** A refused delete (a zone still uses the provider) shows the reason as the page's notice. */
    private void delete(Context ctx) {
        long id = Pages.id(ctx, "id");
        try {
            providers.delete(id, Pages.actor(ctx));
            ctx.redirect("/dns-providers?notice=deleted", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            DnsProviderConfig config = providers.get(id);
            PageContext page = Pages.context(ctx, config.name()).withNotice("Not deleted: "
                    + e.errors().get(0).message() + ".", "error");
            ctx.status(HttpStatus.CONFLICT).render("dns-provider.jte", editModel(page, config, Map.of(), List.of()));
        }
    }

    private Map<String, Object> newModel(Context ctx, DnsProviderKind kind, Map<String, String> typed,
                                         List<FieldError> errors) {
        FormView form = Forms.view("/dns-providers", "Add DNS provider", DnsProviderService.all(kind),
                Forms.overlay(Map.of(), typed), Set.of(), errors);
        return model(Pages.context(ctx, "New " + KindNames.of(kind) + " provider"), null, kind, form);
    }

    private static Map<String, Object> editModel(PageContext page, DnsProviderConfig config, Map<String, String> typed,
                                                 List<FieldError> errors) {
        DnsProviderKind kind = config.settings().kind();
        FormView form = Forms.view("/dns-providers/" + config.id(), "Save DNS provider", DnsProviderService.all(kind),
                Forms.overlay(DnsProviderService.values(config.settings()), typed),
                config.settings().secrets().keySet(), errors);
        return model(page, config.id(), kind, form);
    }

    private static Map<String, Object> model(PageContext page, Long providerId, DnsProviderKind kind, FormView form) {
        Map<String, List<String>> layout = new LinkedHashMap<>();
        layout.put("General", List.of("name", "endpoint_override"));
        layout.put(KindNames.of(kind), Forms.names(ProviderKinds.fields(kind)));
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        model.put("providerId", providerId);
        model.put("kind", kind.wireName());
        model.put("kindLabel", KindNames.of(kind));
        model.put("form", form);
        model.put("groups", Forms.groups(form, layout));
        return model;
    }
}
