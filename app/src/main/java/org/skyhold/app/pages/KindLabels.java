package org.skyhold.app.pages;

import java.util.List;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.kind.ProviderCatalog;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.web.view.Option;

/**
 * How pages name provider kinds: the cloud's product name from the catalog; a stored kind this build does not have
 * by its id and "not available in this build".
 */
final class KindLabels {
    private final ProviderCatalog catalog;

    KindLabels(ProviderCatalog catalog) {
        this.catalog = catalog;
    }

    String vm(String id) {
        return catalog.vm(id).map(VmProviderKind::displayName).orElseGet(() -> unavailable(id));
    }

    String dns(String id) {
        return catalog.dns(id).map(DnsProviderKind::displayName).orElseGet(() -> unavailable(id));
    }

    /** Every VM kind of this build as a choice, in the catalog's order. */
    List<Option> vmKinds() {
        return catalog.vmKinds().stream().map(k -> new Option(k.id(), k.displayName())).toList();
    }

    List<Option> dnsKinds() {
        return catalog.dnsKinds().stream().map(k -> new Option(k.id(), k.displayName())).toList();
    }

    static String unavailable(String id) {
        return id + " (not available in this build)";
    }
}
