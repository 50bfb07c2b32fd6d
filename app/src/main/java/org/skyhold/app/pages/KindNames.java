package org.skyhold.app.pages;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.model.DnsProviderKind;
import org.skyhold.domain.model.VmProviderKind;
import org.skyhold.web.view.Option;

/** How pages name the kinds of provider: the cloud's own product name, not the wire name. */
final class KindNames {
    private static final Map<VmProviderKind, String> VM = Map.of(
            VmProviderKind.AWS, "Amazon EC2",
            VmProviderKind.DIGITALOCEAN, "DigitalOcean",
            VmProviderKind.OCI, "Oracle Cloud (OCI)",
            VmProviderKind.GCP, "Google Compute Engine",
            VmProviderKind.AZURE, "Microsoft Azure",
            VmProviderKind.SIMULATED, "Simulated (in memory)");
    private static final Map<DnsProviderKind, String> DNS = Map.of(
            DnsProviderKind.ROUTE53, "Amazon Route 53",
            DnsProviderKind.DIGITALOCEAN, "DigitalOcean DNS",
            DnsProviderKind.OCI, "Oracle Cloud DNS",
            DnsProviderKind.GCP, "Google Cloud DNS",
            DnsProviderKind.AZURE, "Azure DNS",
            DnsProviderKind.RFC2136, "RFC 2136 dynamic DNS (BIND, PowerDNS, ...)",
            DnsProviderKind.SIMULATED, "Simulated (in memory)");

    private KindNames() {
    }

    static String of(VmProviderKind kind) {
        return VM.get(kind);
    }

    static String of(DnsProviderKind kind) {
        return DNS.get(kind);
    }

    /** Every VM provider kind as a choice, in the enum's order. */
    static List<Option> vmKinds() {
        return Arrays.stream(VmProviderKind.values()).map(k -> new Option(k.wireName(), of(k))).toList();
    }

    static List<Option> dnsKinds() {
        return Arrays.stream(DnsProviderKind.values()).map(k -> new Option(k.wireName(), of(k))).toList();
    }
}
