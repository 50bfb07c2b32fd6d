package org.skyhold.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import org.skyhold.app.web.Access;
import org.skyhold.app.web.Routes;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.kind.VmProviderKind;

/**
 * {@code GET /api/v1/provider-kinds}: the VM and DNS provider kinds of this build with their fields, so scripts
 * (and operators) see what can be configured. Examples are the catalog's, never a stored value; secrets' examples
 * are fake by construction.
 */
public final class ProviderKindApiController {
    private final ProviderCatalog catalog;
    private final ObjectMapper json;

    public ProviderKindApiController(ProviderCatalog catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    public void register(Routes r) {
        r.get("/api/v1/provider-kinds", this::list, Access.SIGNED_IN,
                "List the VM and DNS provider kinds of this build, with their fields");
    }

    private void list(Context ctx) {
        ctx.json(document());
    }

    ObjectNode document() {
        ObjectNode out = json.createObjectNode();
        ArrayNode vm = out.putArray("vm");
        for (VmProviderKind k : catalog.vmKinds()) {
            ObjectNode kind = kind(vm, k.id(), k.displayName(), k.fields());
            kind.put("user_data_limit", k.userDataLimit());
        }
        ArrayNode dns = out.putArray("dns");
        for (DnsProviderKind k : catalog.dnsKinds()) {
            kind(dns, k.id(), k.displayName(), k.fields()).put("uses_endpoint_override", k.usesEndpointOverride());
        }
        return out;
    }

    private static ObjectNode kind(ArrayNode into, String id, String name, List<FieldSpec> fields) {
        ObjectNode kind = into.addObject().put("id", id).put("name", name);
        ArrayNode list = kind.putArray("fields");
        for (FieldSpec f : fields) {
            ObjectNode field = list.addObject().put("name", f.name()).put("label", f.label())
                    .put("type", f.type().name().toLowerCase(Locale.ROOT)).put("required", f.required())
                    .put("secret", f.secret()).put("help", f.help()).put("example", f.example());
            if (!f.choices().isEmpty()) {
                f.choices().forEach(field.putArray("choices")::add);
            }
        }
        return kind;
    }
}
