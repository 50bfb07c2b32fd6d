package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.skyhold.app.settings.FieldParser;
import org.skyhold.app.settings.VmProviderFields;
import org.skyhold.app.settings.VmProviderService;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.app.web.SecurityFilter;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.VmProviderConfig;

/** {@code /api/v1/zones/{id}/vm-providers}: a zone's VM providers, with their health. */
public final class VmProviderApiController {
    private static final String BASE = "/api/v1/zones/{id}/vm-providers";
    private final VmProviderService providers;
    private final ConnectionTester tester;
    private final ObjectMapper json;
    private final FieldParser parser;
    private final org.skyhold.app.settings.ZoneService zones;
    private final java.util.function.Supplier<String> publicUrl;

    public VmProviderApiController(VmProviderService providers, ConnectionTester tester, ObjectMapper json,
                                   org.skyhold.app.settings.ZoneService zones,
                                   java.util.function.Supplier<String> publicUrl, FieldParser parser) {
        this.parser = parser;
        this.providers = providers;
        this.tester = tester;
        this.json = json;
        this.zones = zones;
        this.publicUrl = publicUrl;
    }

    public void register(Routes r) {
        r.get(BASE, this::list, Access.SIGNED_IN, "List a zone's VM providers")
                .post(BASE, this::create, Access.SIGNED_IN, "Add a VM provider to a zone")
                .get(BASE + "/{provider_id}", this::get, Access.SIGNED_IN, "Read a VM provider")
                .put(BASE + "/{provider_id}", this::update, Access.SIGNED_IN,
                        "Change a VM provider (fields left out keep their values; empty secrets keep theirs)")
                .delete(BASE + "/{provider_id}", this::delete, Access.SIGNED_IN, "Delete a VM provider")
                .post(BASE + "/{provider_id}/test", this::test, Access.SIGNED_IN, "Test a VM provider's connection")
                .post("/api/v1/zones/{id}/startup-script-preview", this::preview, Access.SIGNED_IN,
                        "Render a startup script ({kind, name, startup_script}) as a new agent of the zone gets it");
    }

    private void list(Context ctx) {
        ctx.json(providers.list(PathIds.id(ctx, "id")).stream().map(this::body).toList());
    }

    private void create(Context ctx) {
        VmProviderConfig created = providers.create(PathIds.id(ctx, "id"), JsonInput.fields(ctx, json),
                SecurityFilter.requireActor(ctx).name());
        ctx.status(HttpStatus.CREATED).json(body(created));
    }

    private void get(Context ctx) {
        ctx.json(body(providers.get(PathIds.id(ctx, "id"), PathIds.id(ctx, "provider_id"))));
    }

    private void update(Context ctx) {
        ctx.json(body(providers.update(PathIds.id(ctx, "id"), PathIds.id(ctx, "provider_id"),
                JsonInput.fields(ctx, json), SecurityFilter.requireActor(ctx).name())));
    }

    private void delete(Context ctx) {
        providers.delete(PathIds.id(ctx, "id"), PathIds.id(ctx, "provider_id"), SecurityFilter.requireActor(ctx).name());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void test(Context ctx) {
        VmProviderConfig config = providers.get(PathIds.id(ctx, "id"), PathIds.id(ctx, "provider_id"));
        ConnectionTester.Result result = tester.test(config);
        ctx.json(json.createObjectNode().put("ok", result.ok()).put("message", result.message()));
    }

    private void preview(Context ctx) {
        var in = JsonInput.fields(ctx, json);
        var kind = providers.kind(in.getOrDefault("kind", "simulated"));
        var result = org.skyhold.app.settings.ScriptPreview.render(zones.get(PathIds.id(ctx, "id")), kind,
                in.get("name"), in.get("startup_script"), publicUrl.get());
        ctx.json(json.createObjectNode().put("rendered", result.rendered()).put("bytes", result.bytes())
                .put("limit", result.limit()).put("fits", result.bytes() <= result.limit()));
    }

    ObjectNode body(VmProviderConfig p) {
        ObjectNode out = json.createObjectNode().put("id", p.id()).put("zone_id", p.zoneId()).put("kind", p.kind());
        VmProviderKind kind = providers.catalog().vm(p.kind()).orElse(null);
        out.put("available", kind != null);
        if (kind == null) {
            out.put("note", ProviderCatalog.notAvailable(p.kind()));
        }
        SettingsJson.write(out, VmProviderFields.all(kind), VmProviderFields.values(p.settings(), parser),
                p.settings().secrets(), json);
        ProviderHealth h = p.health();
        out.putObject("health")
                .put("backoff_until", h.backoffUntil() == null ? null : h.backoffUntil().toString())
                .put("last_error_class", h.lastErrorClass() == null ? null : h.lastErrorClass().wireName())
                .put("last_error", h.lastError());
        out.put("created_at", p.createdAt().toString()).put("updated_at", p.updatedAt().toString());
        return out;
    }
}
