package org.skyhold.providers.rfc2136;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * The {@code rfc2136} DNS kind: agents' A records in a zone of any server that takes RFC 2136 dynamic updates
 * signed with a TSIG key (BIND, PowerDNS, Knot). An upsert is one UPDATE message that deletes the
 * name's A records and adds the new one, so the server applies both or neither; the sweeper's listing is a signed
 * zone transfer (AXFR), which the server must allow to the key. Thread-safe; every call blocks on the server within
 * the timeout per message.
 */
public final class Rfc2136DnsProvider implements DnsProvider {
    /** How long one message may wait for its answer; the engine retries an unanswered call with backoff. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Rfc2136Client client;
    private final ZoneLocator zones;

    public Rfc2136DnsProvider(Rfc2136Settings settings) {
        this(settings, TIMEOUT);
    }

    Rfc2136DnsProvider(Rfc2136Settings settings, Duration timeout) {
        this.client = new Rfc2136Client(settings, timeout);
        this.zones = new ZoneLocator(client);
    }

    @Override
    public void upsertA(String name, String ip, int ttl) {
        Name n = name(name);
        InetAddress address = ipv4(ip);
        Name zone = zones.zoneOf(parent(n));
        Update update = new Update(zone);
        update.delete(n, Type.A);
        update.add(new ARecord(n, DClass.IN, ttl, address));
        client.send(update, "setting " + name + " to " + ip + " in zone " + zone.toString(true), Rcode.NOERROR);
    }

    /** Deleting the name's A records when it has none is success (the server answers NOERROR). */
    @Override
    public void deleteA(String name) {
        Name n = name(name);
        Name zone = zones.zoneOf(parent(n));
        Update update = new Update(zone);
        update.delete(n, Type.A);
        client.send(update, "deleting " + name + " in zone " + zone.toString(true), Rcode.NOERROR);
    }

    /** By zone transfer: refused with {@code BAD_CONFIG} when the server does not allow the key to transfer it. */
    @Override
    public List<DnsRecord> listA(String baseDomain) {
        Name base = name(baseDomain);
        List<DnsRecord> out = new ArrayList<>();
        for (Record r : client.transfer(zones.zoneOf(base))) {
            if (r instanceof ARecord a && a.getName().subdomain(base)) {
                out.add(new DnsRecord(a.getName().toString(true), a.getAddress().getHostAddress(), (int) a.getTTL()));
            }
        }
        return out;
    }

    /**
     * With a configured zone: an SOA query for it and a signed update whose only content is the prerequisite "the
     * zone's SOA exists", which changes nothing but whose signature the server checks like any update's (which names
     * the key may change is only known at a real update). Without a zone, a signed query whose signed answer proves
     * the server knows the key. Also says whether zone transfers are allowed.
     */
    @Override
    public String testConnection() {
        Rfc2136Settings s = client.settings();
        Name zone = s.zone();
        if (zone == null) {
            Message query = Message.newQuery(Record.newRecord(Name.root, Type.SOA, DClass.IN));
            client.send(query, "checking TSIG key " + s.keyLabel(), Rcode.NOERROR, Rcode.REFUSED);
            return "the DNS server " + s.serverLabel() + " signed its answer with TSIG key " + s.keyLabel()
                    + "; no zone is set, so each Skyhold zone's DNS zone is found by SOA when it first registers a name";
        }
        Record soa = zones.soa(zone);
        if (!soa.getName().equals(zone)) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, zone.toString(true) + " is not a zone of the "
                    + "DNS server " + s.serverLabel() + "; it lies in zone " + soa.getName().toString(true));
        }
        Update noop = new Update(zone);
        noop.present(zone, Type.SOA);
        client.send(noop, "sending a no-op update to zone " + zone.toString(true), Rcode.NOERROR);
        return "the DNS server " + s.serverLabel() + " serves zone " + zone.toString(true) + " (SOA serial "
                + ((SOARecord) soa).getSerial() + ") and accepted TSIG key " + s.keyLabel() + " on a no-op update"
                + " (its update-policy is applied at the first real update); " + transfers(zone);
    }

    private String transfers(Name zone) {
        try {
            client.transfer(zone);
            return "zone transfers are allowed, so the sweeper can remove records of agents that are gone";
        } catch (ProviderException e) {
            return "zone transfers failed, so the sweeper cannot list records (" + e.getMessage() + ")";
        }
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, text + " is not a DNS name: " + e.getMessage());
        }
    }

    /** The domain an agent's name lies in: its base domain, which the zone is looked up by. */
    private static Name parent(Name n) {
        return n.labels() > 2 ? new Name(n, 1) : n;
    }

    private static InetAddress ipv4(String ip) {
        try {
            return Address.getByAddress(ip, Address.IPv4);
        } catch (UnknownHostException e) {
            throw new ProviderException(ProviderErrorClass.OTHER, ip + " is not an IPv4 address for an A record");
        }
    }
}
