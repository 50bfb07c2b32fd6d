package org.skyhold.app.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.app.api.ConnectionTester;
import org.skyhold.app.settings.FieldError;
import org.skyhold.app.settings.FieldParser;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.settings.VmProviderFields;
import org.skyhold.app.settings.VmProviderService;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.web.view.FormView;
import org.skyhold.web.view.PageContext;

/**
 * The VM provider pages of a zone: add one of a chosen kind, change it, delete it, and test its connection. The
 * form groups the fields every provider has under "General" and the cloud's own under the cloud's name.
 */
public final class VmProviderPages {
    private static final String BASE = "/zones/{id}/vm-providers";
    private final VmProviderService providers;
    private final ZoneService zones;
    private final ConnectionTester tester;
    private final KindLabels kinds;
    private final FieldParser parser;

    /**
     * @param tester the same connection test the JSON API runs
     * @param parser shows stored values as form text
     */
    public VmProviderPages(VmProviderService providers, ZoneService zones, ConnectionTester tester,
                           FieldParser parser) {
        this.parser = parser;
        this.providers = providers;
        this.zones = zones;
        this.tester = tester;
        this.kinds = new KindLabels(providers.catalog());
    }

    /** Adds the pages; {@code new} goes before {@code {provider_id}} so it is not read as an id. */
    public void register(Routes r) {
        r.get(BASE + "/new", this::newForm, Access.SIGNED_IN, "New-VM-provider form for a kind (?kind=aws)")
                .post(BASE, this::create, Access.SIGNED_IN, "Add a VM provider to a zone from the form")
                .get(BASE + "/{provider_id}", this::edit, Access.SIGNED_IN, "VM provider page")
                .post(BASE + "/{provider_id}", this::update, Access.SIGNED_IN, "Save a VM provider from the form")
                .post(BASE + "/{provider_id}/delete", this::delete, Access.SIGNED_IN, "Delete a VM provider")
                .post(BASE + "/{provider_id}/test", this::test, Access.SIGNED_IN,
                        "Test a VM provider's connection and show the outcome");
    }

    private void newForm(Context ctx) {
        VmProviderKind kind = providers.kind(ctx.queryParam("kind"));
        ctx.render("vm-provider.jte", newModel(ctx, Pages.id(ctx, "id"), kind, Map.of(), List.of()));
    }

    private void create(Context ctx) {
        long zoneId = Pages.id(ctx, "id");
        Map<String, String> input = Forms.input(ctx);
        try {
            VmProviderConfig created = providers.create(zoneId, input, Pages.actor(ctx));
            ctx.redirect(path(zoneId, created.id()) + "?notice=created", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            VmProviderKind kind = providers.kind(input.get("kind"));
            ctx.status(HttpStatus.BAD_REQUEST).render("vm-provider.jte",
                    newModel(ctx, zoneId, kind, input, e.errors()));
        }
    }

    private void edit(Context ctx) {
        VmProviderConfig config = providers.get(Pages.id(ctx, "id"), Pages.id(ctx, "provider_id"));
        ctx.render("vm-provider.jte", editModel(ctx, config, Map.of(), List.of(), null));
    }

    private void update(Context ctx) {
        long zoneId = Pages.id(ctx, "id");
        long id = Pages.id(ctx, "provider_id");
        Map<String, String> input = Forms.input(ctx);
        try {
            providers.update(zoneId, id, input, Pages.actor(ctx));
            ctx.redirect(path(zoneId, id) + "?notice=saved", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            ctx.status(HttpStatus.BAD_REQUEST).render("vm-provider.jte",
                    editModel(ctx, providers.get(zoneId, id), input, e.errors(), null));
        }
    }

    private void delete(Context ctx) {
        long zoneId = Pages.id(ctx, "id");
        VmProviderConfig config = providers.get(zoneId, Pages.id(ctx, "provider_id"));
        try {
            providers.delete(zoneId, config.id(), Pages.actor(ctx));
            ctx.redirect("/zones/" + zoneId + "?notice=deleted", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            ctx.status(HttpStatus.CONFLICT).render("vm-provider.jte", editModel(ctx, config, Map.of(), e.errors(),
                    null));
        }
    }

    /** Shows the outcome on the provider page itself: the tester's words are not one of the known notices. */
    private void test(Context ctx) {
        VmProviderConfig config = providers.get(Pages.id(ctx, "id"), Pages.id(ctx, "provider_id"));
        ConnectionTester.Result result = tester.test(config);
        ctx.render("vm-provider.jte", editModel(ctx, config, Map.of(), List.of(), result));
    }

    private Map<String, Object> newModel(Context ctx, long zoneId, VmProviderKind kind, Map<String, String> typed,
                                         List<FieldError> errors) {
        String zoneName = zones.get(zoneId).name();
        FormView form = Forms.view("/zones/" + zoneId + "/vm-providers", "Add provider", VmProviderFields.all(kind),
                Forms.overlay(VmProviderFields.defaults(kind), typed), Set.of(), errors);
        return model(Pages.context(ctx, "New " + kind.displayName() + " provider"), zoneId, zoneName, null,
                kind.id(), kind, form);
    }

    private Map<String, Object> editModel(Context ctx, VmProviderConfig config, Map<String, String> typed,
                                          List<FieldError> errors, ConnectionTester.Result tested) {
        String zoneName = zones.get(config.zoneId()).name();
        VmProviderKind kind = providers.catalog().vm(config.kind()).orElse(null);
        FormView form = Forms.view(path(config.zoneId(), config.id()), "Save provider",
                VmProviderFields.all(kind), Forms.overlay(VmProviderFields.values(config.settings(), parser), typed),
                config.settings().secrets().keySet(), errors);
        PageContext page = Pages.context(ctx, config.name());
        if (tested != null) {
            page = page.withNotice(tested.message(), tested.ok() ? "ok" : "error");
        } else if (kind == null) {
            page = page.withNotice("Never used: " + ProviderCatalog.notAvailable(config.kind())
                    + ". Its own settings are kept as they are.", "error");
        }
        return model(page, config.zoneId(), zoneName, config.id(), config.kind(), kind, form);
    }

    /** @param kind null for a stored kind this build does not have */
    private Map<String, Object> model(PageContext page, long zoneId, String zoneName, Long providerId,
                                      String kindId, VmProviderKind kind, FormView form) {
        Map<String, List<String>> layout = new LinkedHashMap<>();
        layout.put("General", Forms.names(VmProviderFields.COMMON));
        if (kind != null) {
            layout.put(kind.displayName(), Forms.names(kind.fields()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        model.put("zoneId", zoneId);
        model.put("zoneName", zoneName);
        model.put("providerId", providerId);
        model.put("kind", kindId);
        model.put("kindLabel", kinds.vm(kindId));
        model.put("form", form);
        model.put("groups", Forms.groups(form, layout));
        return model;
    }

    private static String path(long zoneId, long providerId) {
        return "/zones/" + zoneId + "/vm-providers/" + providerId;
    }
}
