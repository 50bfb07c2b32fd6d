package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.skyhold.app.settings.DnsProviderService;
import org.skyhold.app.settings.FieldParser;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.app.web.SecurityFilter;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.providers.simulated.SimulatedDnsKind;

/** {@code /api/v1/dns-providers}: the DNS services zones register agent names in. */
public final class DnsProviderApiController {
    private final DnsProviderService providers;
    private final ObjectMapper json;
    private final FieldParser parser;
    private final java.util.function.Supplier<java.util.List<org.skyhold.domain.provider.DnsRecord>> simulatedRecords;

    /** @param simulatedRecords the records the simulated DNS holds, shown on simulated DNS providers */
    public DnsProviderApiController(DnsProviderService providers, ObjectMapper json,
            java.util.function.Supplier<java.util.List<org.skyhold.domain.provider.DnsRecord>> simulatedRecords,
            FieldParser parser) {
        this.parser = parser;
        this.providers = providers;
        this.json = json;
        this.simulatedRecords = simulatedRecords;
    }

    public void register(Routes r) {
        r.get("/api/v1/dns-providers", this::list, Access.SIGNED_IN, "List DNS providers")
                .post("/api/v1/dns-providers", this::create, Access.SIGNED_IN, "Add a DNS provider")
                .get("/api/v1/dns-providers/{id}", this::get, Access.SIGNED_IN, "Read a DNS provider")
                .put("/api/v1/dns-providers/{id}", this::update, Access.SIGNED_IN,
                        "Change a DNS provider (fields left out keep their values; empty secrets keep theirs)")
                .delete("/api/v1/dns-providers/{id}", this::delete, Access.SIGNED_IN, "Delete a DNS provider");
    }

    private void list(Context ctx) {
        ctx.json(providers.list().stream().map(this::body).toList());
    }

    private void create(Context ctx) {
        DnsProviderConfig created = providers.create(JsonInput.fields(ctx, json), SecurityFilter.requireActor(ctx).name());
        ctx.status(HttpStatus.CREATED).json(body(created));
    }

    private void get(Context ctx) {
        ctx.json(body(providers.get(PathIds.id(ctx, "id"))));
    }

    private void update(Context ctx) {
        ctx.json(body(providers.update(PathIds.id(ctx, "id"), JsonInput.fields(ctx, json),
                SecurityFilter.requireActor(ctx).name())));
    }

    private void delete(Context ctx) {
        providers.delete(PathIds.id(ctx, "id"), SecurityFilter.requireActor(ctx).name());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    ObjectNode body(DnsProviderConfig p) {
        String kindId = p.settings().kind();
        ObjectNode out = json.createObjectNode().put("id", p.id()).put("kind", kindId);
        DnsProviderKind kind = providers.catalog().dns(kindId).orElse(null);
        out.put("available", kind != null);
        if (kind == null) {
            out.put("note", ProviderCatalog.notAvailable(kindId));
        }
        SettingsJson.write(out, DnsProviderService.all(kind), DnsProviderService.values(p.settings(), parser),
                p.settings().secrets(), json);
        if (kind instanceof SimulatedDnsKind) {
            var records = out.putArray("records");
            simulatedRecords.get().stream().sorted(java.util.Comparator.comparing(
                    org.skyhold.domain.provider.DnsRecord::name)).forEach(r -> records.addObject()
                    .put("name", r.name()).put("type", "A").put("ip", r.ip()).put("ttl", r.ttl()));
        }
        out.put("created_at", p.createdAt().toString()).put("updated_at", p.updatedAt().toString());
        return out;
    }
}
