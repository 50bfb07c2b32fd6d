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
import org.skyhold.app.settings.FieldParser;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.web.view.DnsProviderRow;
import org.skyhold.web.view.FormView;
import org.skyhold.web.view.PageContext;

/**
 * The DNS provider pages: the list with a choice of service to add, and one page per provider to change or
 * delete it. A provider a zone still uses cannot be deleted; the page says so.
 */
public final class DnsProviderPages {
    private final DnsProviderService providers;
    private final FieldParser parser;
    private final KindLabels kinds;

    /**
     * @param providers the same service the JSON API uses, so both validate alike
     * @param parser    shows stored values as form text
     */
    public DnsProviderPages(DnsProviderService providers, FieldParser parser) {
        this.providers = providers;
        this.parser = parser;
        this.kinds = new KindLabels(providers.catalog());
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
                kinds.dns(p.settings().kind()), p.settings().endpointOverride())).toList();
        ctx.render("dns-providers.jte", Map.of("page", Pages.context(ctx, "DNS providers"), "providers", rows,
                "kinds", kinds.dnsKinds()));
    }

    private void newForm(Context ctx) {
        DnsProviderKind kind = providers.kind(ctx.queryParam("kind"));
        ctx.render("dns-provider.jte", newModel(ctx, kind, Map.of(), List.of()));
    }

    private void create(Context ctx) {
        Map<String, String> input = Forms.input(ctx);
        try {
            DnsProviderConfig created = providers.create(input, Pages.actor(ctx));
            ctx.redirect("/dns-providers/" + created.id() + "?notice=created", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            DnsProviderKind kind = providers.kind(input.get("kind"));
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
        return model(Pages.context(ctx, "New " + kind.displayName() + " provider"), null, kind.id(), kind, form);
    }

    private Map<String, Object> editModel(PageContext page, DnsProviderConfig config, Map<String, String> typed,
                                          List<FieldError> errors) {
        String kindId = config.settings().kind();
        DnsProviderKind kind = providers.catalog().dns(kindId).orElse(null);
        FormView form = Forms.view("/dns-providers/" + config.id(), "Save DNS provider", DnsProviderService.all(kind),
                Forms.overlay(DnsProviderService.values(config.settings(), parser), typed),
                config.settings().secrets().keySet(), errors);
        if (kind == null && page.notice() == null) {
            page = page.withNotice("Never used: " + ProviderCatalog.notAvailable(kindId)
                    + ". Its own settings are kept as they are.", "error");
        }
        return model(page, config.id(), kindId, kind, form);
    }

    /** @param kind null for a stored kind this build does not have */
    private Map<String, Object> model(PageContext page, Long providerId, String kindId, DnsProviderKind kind,
                                      FormView form) {
        Map<String, List<String>> layout = new LinkedHashMap<>();
        layout.put("General", List.of("name", "endpoint_override"));
        if (kind != null) {
            layout.put(kind.displayName(), Forms.names(kind.fields()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        model.put("providerId", providerId);
        model.put("kind", kindId);
        model.put("kindLabel", kinds.dns(kindId));
        model.put("form", form);
        model.put("groups", Forms.groups(form, layout));
        return model;
    }
}
