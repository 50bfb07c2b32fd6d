package org.skyhold.domain.kind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every provider kind of this build, VM and DNS: the one list the registry, the pages, the JSON API, the
 * OpenAPI document and the tests read. A stored provider whose kind is not here was made by another build; it
 * is kept, shown as "not available in this build" and never provisioned from.
 */
public final class ProviderCatalog {
    private final Map<String, VmProviderKind> vm = new LinkedHashMap<>();
    private final Map<String, DnsProviderKind> dns = new LinkedHashMap<>();

    /**
     * @param vmKinds  in the order the pages offer them
     * @param dnsKinds likewise
     * @throws IllegalArgumentException when two kinds of one list share an id
     */
    public ProviderCatalog(List<? extends VmProviderKind> vmKinds, List<? extends DnsProviderKind> dnsKinds) {
        for (VmProviderKind k : vmKinds) {
            if (vm.putIfAbsent(k.id(), k) != null) {
                throw new IllegalArgumentException("two VM provider kinds have the id " + k.id());
            }
        }
        for (DnsProviderKind k : dnsKinds) {
            if (dns.putIfAbsent(k.id(), k) != null) {
                throw new IllegalArgumentException("two DNS provider kinds have the id " + k.id());
            }
        }
    }

    /** The VM kind with this id, or empty when this build has none. */
    public Optional<VmProviderKind> vm(String id) {
        return Optional.ofNullable(id == null ? null : vm.get(id));
    }

    /** The DNS kind with this id, or empty when this build has none. */
    public Optional<DnsProviderKind> dns(String id) {
        return Optional.ofNullable(id == null ? null : dns.get(id));
    }

    public List<VmProviderKind> vmKinds() {
        return List.copyOf(vm.values());
    }

    public List<DnsProviderKind> dnsKinds() {
        return List.copyOf(dns.values());
    }

    /** The sentence shown for a stored provider whose kind this build does not have. */
    public static String notAvailable(String kindId) {
        return "the " + kindId + " provider kind is not available in this build of Skyhold";
    }
}
