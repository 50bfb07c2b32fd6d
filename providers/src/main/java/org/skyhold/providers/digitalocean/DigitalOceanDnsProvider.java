package org.skyhold.providers.digitalocean;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;

/**
 * The {@code digitalocean} DNS kind: agents' A records in DigitalOcean DNS. A name belongs to the longest domain
 * of the account it ends with (so {@code a.agents.example.com} goes to {@code agents.example.com} when the account
 * has both that and {@code example.com}); its record is found with {@code GET ...records?type=A&name=<fqdn>},
 * created with its relative name, changed in place when its address differs, and deleted by id.
 */
public final class DigitalOceanDnsProvider implements DnsProvider {
    private final DomainRecords records;

    /** @throws org.skyhold.domain.provider.ProviderException ({@code BAD_CONFIG}) when no token is set */
    public DigitalOceanDnsProvider(KindSettings settings, Clock clock) {
        this(settings, clock, Duration.ofMillis(250));
    }

    DigitalOceanDnsProvider(KindSettings settings, Clock clock, Duration retryPause) {
        String token;
        try {
            token = DropletSettings.token(settings);
        } catch (InvalidFieldException e) {
            throw e.badConfig();
        }
        DoHttp http = new DoHttp(settings.endpoint(), token, clock, retryPause);
        this.records = new DomainRecords(http);
    }

    @Override
    public void upsertA(String name, String ip, int ttl) {
        String domain = domainOrFail(name);
        List<DomainRecords.ARecord> existing = records.find(domain, name);
        if (existing.isEmpty()) {
            records.create(domain, name, ip, ttl);
            return;
        }
        DomainRecords.ARecord first = existing.get(0);
        if (!first.data().equals(ip) || first.ttl() != ttl) {
            records.update(first, ip, ttl);
        }
        existing.stream().skip(1).forEach(records::delete);
    }

    @Override
    public void deleteA(String name) {
        Optional<String> domain = records.domainOf(name);
        if (domain.isEmpty()) {
            return; // no domain of the account holds the name, so no record of it exists
        }
        records.find(domain.get(), name).forEach(records::delete);
    }

    @Override
    public List<DnsRecord> listA(String baseDomain) {
        String base = DomainRecords.normal(baseDomain);
        String domain = domainOrFail(base);
        return records.all(domain).stream()
                .filter(r -> r.fqdn().equals(base) || r.fqdn().endsWith("." + base))
                .map(r -> new DnsRecord(r.fqdn(), r.data(), r.ttl())).toList();
    }

    private String domainOrFail(String name) {
        return records.domainOf(name).orElseThrow(() -> new ProviderException(ProviderErrorClass.BAD_CONFIG,
                "no domain of the DigitalOcean account holds " + name + "; add the domain (or a parent of it) "
                        + "under Networking > Domains"));
    }
}
