package org.skyhold.providers.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Domains ({@code GET /v2/domains}) and their A records ({@code /v2/domains/{domain}/records}). DigitalOcean
 * names a record relative to its domain ({@code www}, or {@code @} for the domain itself) but filters a listing
 * by the fully qualified name ({@code ?type=A&name=www.example.com}).
 */
final class DomainRecords {
    /** One A record as the API holds it. */
    record ARecord(long id, String domain, String name, String data, int ttl) {
        /** The record's fully qualified name, without a trailing dot. */
        String fqdn() {
            return "@".equals(name) ? domain : name + "." + domain;
        }
    }

    private final DoHttp http;

    DomainRecords(DoHttp http) {
        this.http = http;
    }

    /** The longest domain of the account that {@code name} is, or ends with; empty when none holds it. */
    Optional<String> domainOf(String name) {
        String n = normal(name);
        String best = null;
        for (JsonNode d : http.list("/domains", "domains")) {
            String domain = normal(d.path("name").asText());
            if ((n.equals(domain) || n.endsWith("." + domain)) && (best == null || domain.length() > best.length())) {
                best = domain;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The A records named {@code fqdn} in {@code domain}. */
    List<ARecord> find(String domain, String fqdn) {
        return records(domain, "type", "A", "name", normal(fqdn));
    }

    /** Every A record of {@code domain}. */
    List<ARecord> all(String domain) {
        return records(domain, "type", "A");
    }

    /**
     * Creates the record. A server error is retried only after looking for the record, so a create whose answer
     * was lost makes no second record.
     */
    ARecord create(String domain, String fqdn, String ip, int ttl) {
        Map<String, Object> body = Map.of("type", "A", "name", relative(fqdn, domain), "data", ip, "ttl", ttl);
        return http.retrying(() -> read(domain, http.post(path(domain), body).path("domain_record")),
                () -> find(domain, fqdn).stream().filter(r -> ip.equals(r.data())).findFirst());
    }

    void update(ARecord record, String ip, int ttl) {
        http.put(path(record.domain()) + "/" + record.id(), Map.of("type", "A", "name", record.name(), "data", ip,
                "ttl", ttl));
    }

    /** Deletes the record by id; one that is gone already is success. */
    void delete(ARecord record) {
        http.delete(path(record.domain()) + "/" + record.id());
    }

    private List<ARecord> records(String domain, String... query) {
        List<ARecord> out = new ArrayList<>();
        for (JsonNode r : http.list(path(domain), "domain_records", query)) {
            if ("A".equals(r.path("type").asText())) {
                out.add(read(domain, r));
            }
        }
        return out;
    }

    private static ARecord read(String domain, JsonNode r) {
        return new ARecord(r.path("id").asLong(), domain, r.path("name").asText(), r.path("data").asText(),
                r.path("ttl").asInt());
    }

    private static String path(String domain) {
        return "/domains/" + domain + "/records";
    }

    /** The name relative to its domain, as DigitalOcean writes it. */
    static String relative(String fqdn, String domain) {
        String n = normal(fqdn);
        return n.equals(domain) ? "@" : n.substring(0, n.length() - domain.length() - 1);
    }

    static String normal(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
