package org.skyhold.providers.aws;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A small stateful Route 53 on 127.0.0.1 that speaks REST-XML as the SDK does: hosted zones listed by name
 * ({@code GET /2013-04-01/hostedzonesbyname}, in Route 53's order of reversed labels, paged), record sets changed
 * in a batch ({@code POST .../hostedzone/{id}/rrset/}, with CREATE, UPSERT and DELETE and Route 53's
 * {@code InvalidChangeBatch} rules: a delete must match the record exactly) and listed from a start name
 * ({@code GET .../hostedzone/{id}/rrset}, paged by {@code maxitems}), and the {@code ErrorResponse} document.
 */
public final class FakeRoute53 extends FakeAwsServer {
    private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final Pattern RRSET = Pattern.compile("^/2013-04-01/hostedzone/([^/]+)/rrset/?$");

    /** A hosted zone: id without {@code /hostedzone/}, name with its trailing dot. */
    public record Zone(String id, String name, boolean privateZone) {
    }

    /** A record set as the fake holds it: name with its trailing dot. */
    public record Rrset(String name, String type, long ttl, List<String> values) {
    }

    private final List<Zone> zones = new ArrayList<>();
    private final Map<String, TreeMap<String, Rrset>> records = new LinkedHashMap<>();
    private int pageSize = 300;
    private int changes;

    public FakeRoute53() {
        super("route53");
    }

    /** Adds a hosted zone; {@code name} without or with the trailing dot. */
    public synchronized Zone zone(String name, boolean privateZone) {
        Zone z = new Zone("Z" + FakeEc2.hex(13).toUpperCase(Locale.ROOT), dotted(name), privateZone);
        zones.add(z);
        records.put(z.id(), new TreeMap<>());
        return z;
    }

    /** Route 53 answers at most this many record sets per page, whatever maxitems asks. */
    public synchronized void pageSize(int n) {
        pageSize = n;
    }

    /** Puts a record set straight into a zone (as if made by hand). */
    public synchronized void put(Zone zone, String name, String type, long ttl, String... values) {
        Rrset r = new Rrset(dotted(name), type, ttl, List.of(values));
        records.get(zone.id()).put(key(r.name(), type), r);
    }

    /** The record sets of a zone, in Route 53's order. */
    public synchronized List<Rrset> records(Zone zone) {
        return List.copyOf(records.get(zone.id()).values());
    }

    /** The A record {@code name} (no trailing dot needed) in any zone. */
    public synchronized Optional<Rrset> a(String name) {
        return records.values().stream().map(m -> m.get(key(dotted(name), "A"))).filter(r -> r != null).findFirst();
    }

    @Override
    protected String operation(String method, String path, Map<String, String> params) {
        if (path.equals("/2013-04-01/hostedzonesbyname")) {
            return "ListHostedZonesByName";
        }
        if (RRSET.matcher(path).matches()) {
            return method.equals("POST") ? "ChangeResourceRecordSets" : "ListResourceRecordSets";
        }
        return method + " " + path;
    }

    @Override
    protected Answer authError() {
        return error(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }

    @Override
    protected String errorXml(String code, String message) {
        return "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>"
                + x(code) + "</Code><Message>" + x(message) + "</Message></Error><RequestId>" + requestId()
                + "</RequestId></ErrorResponse>";
    }

    @Override
    protected Answer answer(Call call) {
        switch (call.operation()) {
            case "ListHostedZonesByName":
                return listHostedZonesByName(call.params());
            case "ChangeResourceRecordSets":
            case "ListResourceRecordSets": {
                Matcher m = RRSET.matcher(call.path());
                m.matches();
                String id = m.group(1);
                if (!records.containsKey(id)) {
                    return error(404, "NoSuchHostedZone", "No hosted zone found with ID: " + id);
                }
                Zone zone = zones.stream().filter(z -> z.id().equals(id)).findFirst().orElseThrow();
                return call.operation().equals("ChangeResourceRecordSets") ? change(zone, call.body())
                        : listRecords(zone, call.params());
            }
            default:
                return error(404, "UnknownOperationException", "no route for " + call.operation());
        }
    }

    private Answer listHostedZonesByName(Map<String, String> p) {
        List<Zone> sorted = new ArrayList<>(zones);
        sorted.sort(Comparator.comparing((Zone z) -> reversed(z.name())).thenComparing(Zone::id));
        String from = p.get("dnsname") == null ? "" : reversed(dotted(p.get("dnsname")));
        String fromId = p.get("hostedzoneid");
        if (fromId != null && p.get("dnsname") == null) {
            return error(400, "InvalidInput", "hostedzoneid requires dnsname");
        }
        int max = p.get("maxitems") == null ? 100 : Integer.parseInt(p.get("maxitems"));
        List<Zone> page = new ArrayList<>();
        Zone next = null;
        for (Zone z : sorted) {
            int c = reversed(z.name()).compareTo(from);
            if (c < 0 || c == 0 && fromId != null && z.id().compareTo(fromId) < 0) {
                continue;
            }
            if (page.size() == max) {
                next = z;
                break;
            }
            page.add(z);
        }
        StringBuilder xml = new StringBuilder(head("ListHostedZonesByNameResponse")).append("<HostedZones>");
        for (Zone z : page) {
            xml.append("<HostedZone><Id>/hostedzone/").append(z.id()).append("</Id><Name>").append(x(z.name()))
                    .append("</Name><CallerReference>skyhold-test</CallerReference><Config><PrivateZone>")
                    .append(z.privateZone()).append("</PrivateZone></Config><ResourceRecordSetCount>")
                    .append(records.get(z.id()).size()).append("</ResourceRecordSetCount></HostedZone>");
        }
        xml.append("</HostedZones>");
        if (p.get("dnsname") != null) {
            xml.append("<DNSName>").append(x(p.get("dnsname"))).append("</DNSName>");
        }
        if (fromId != null) {
            xml.append("<HostedZoneId>").append(x(fromId)).append("</HostedZoneId>");
        }
        xml.append("<IsTruncated>").append(next != null).append("</IsTruncated>");
        if (next != null) {
            xml.append("<NextDNSName>").append(x(next.name())).append("</NextDNSName><NextHostedZoneId>")
                    .append(next.id()).append("</NextHostedZoneId>");
        }
        return Answer.ok(xml.append("<MaxItems>").append(max).append("</MaxItems></ListHostedZonesByNameResponse>")
                .toString());
    }

    private Answer change(Zone zone, String body) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return error(400, "InvalidInput", "could not parse the request body: " + e.getMessage());
        }
        if (!NS.equals(doc.getDocumentElement().getNamespaceURI())
                || !"ChangeResourceRecordSetsRequest".equals(doc.getDocumentElement().getLocalName())) {
            return error(400, "InvalidInput", "expected a ChangeResourceRecordSetsRequest in " + NS);
        }
        TreeMap<String, Rrset> zoneRecords = records.get(zone.id());
        TreeMap<String, Rrset> after = new TreeMap<>(zoneRecords);
        List<String> problems = new ArrayList<>();
        NodeList list = doc.getElementsByTagNameNS(NS, "Change");
        if (list.getLength() == 0) {
            return error(400, "InvalidInput", "a change batch needs at least one change");
        }
        for (int k = 0; k < list.getLength(); k++) {
            Element change = (Element) list.item(k);
            String action = text(change, "Action");
            Element set = (Element) change.getElementsByTagNameNS(NS, "ResourceRecordSet").item(0);
            List<String> values = new ArrayList<>();
            NodeList vs = set.getElementsByTagNameNS(NS, "Value");
            for (int v = 0; v < vs.getLength(); v++) {
                values.add(vs.item(v).getTextContent());
            }
            String ttl = text(set, "TTL");
            Rrset r = new Rrset(dotted(text(set, "Name")).toLowerCase(Locale.ROOT), text(set, "Type"),
                    ttl == null ? -1 : Long.parseLong(ttl), values);
            String described = "[name='" + r.name() + "', type='" + r.type() + "']";
            if (!(r.name().equals(zone.name()) || r.name().endsWith("." + zone.name()))) {
                problems.add("RRSet with DNS name " + r.name() + " is not permitted in zone " + zone.name());
                continue;
            }
            String key = key(r.name(), r.type());
            Rrset existing = after.get(key);
            switch (action) {
                case "CREATE" -> {
                    if (existing != null) {
                        problems.add("Tried to create resource record set " + described + " but it already exists");
                    } else {
                        after.put(key, r);
                    }
                }
                case "UPSERT" -> after.put(key, r);
                case "DELETE" -> {
                    if (existing == null) {
                        problems.add("Tried to delete resource record set " + described + " but it was not found");
                    } else if (existing.ttl() != r.ttl() || !existing.values().equals(r.values())) {
                        problems.add("Tried to delete resource record set " + described
                                + " but the values provided do not match the current values");
                    } else {
                        after.remove(key);
                    }
                }
                default -> problems.add("Invalid action " + action);
            }
        }
        if (!problems.isEmpty()) {
            return error(400, "InvalidChangeBatch", "[" + String.join(", ", problems) + "]");
        }
        zoneRecords.clear();
        zoneRecords.putAll(after);
        changes++;
        return Answer.ok(head("ChangeResourceRecordSetsResponse") + "<ChangeInfo><Id>/change/C" + changes
                + "EXAMPLE</Id><Status>PENDING</Status><SubmittedAt>" + java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + "</SubmittedAt></ChangeInfo>"
                + "</ChangeResourceRecordSetsResponse>");
    }

    private Answer listRecords(Zone zone, Map<String, String> p) {
        if (p.get("type") != null && p.get("name") == null) {
            return error(400, "InvalidInput", "type requires name");
        }
        int max = Math.min(pageSize, p.get("maxitems") == null ? 300 : Integer.parseInt(p.get("maxitems")));
        String from = p.get("name") == null ? "" : key(dotted(p.get("name")).toLowerCase(Locale.ROOT),
                p.get("type") == null ? "" : p.get("type"));
        List<Rrset> all = new ArrayList<>(records.get(zone.id()).tailMap(from, true).values());
        List<Rrset> page = all.subList(0, Math.min(max, all.size()));
        StringBuilder xml = new StringBuilder(head("ListResourceRecordSetsResponse")).append("<ResourceRecordSets>");
        for (Rrset r : page) {
            xml.append("<ResourceRecordSet><Name>").append(x(r.name())).append("</Name><Type>").append(r.type())
                    .append("</Type><TTL>").append(r.ttl()).append("</TTL><ResourceRecords>");
            r.values().forEach(v -> xml.append("<ResourceRecord><Value>").append(x(v))
                    .append("</Value></ResourceRecord>"));
            xml.append("</ResourceRecords></ResourceRecordSet>");
        }
        xml.append("</ResourceRecordSets><IsTruncated>").append(all.size() > max).append("</IsTruncated>");
        if (all.size() > max) {
            Rrset next = all.get(max);
            xml.append("<NextRecordName>").append(x(next.name())).append("</NextRecordName><NextRecordType>")
                    .append(next.type()).append("</NextRecordType>");
        }
        return Answer.ok(xml.append("<MaxItems>").append(max).append("</MaxItems></ListResourceRecordSetsResponse>")
                .toString());
    }

    private static String head(String root) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " xmlns=\"" + NS + "\">";
    }

    private static String text(Element parent, String name) {
        NodeList n = parent.getElementsByTagNameNS(NS, name);
        return n.getLength() == 0 ? null : n.item(0).getTextContent();
    }

    private static String dotted(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    /** Route 53's order: labels reversed (com.example.agents), then type. */
    private static String key(String dottedName, String type) {
        return reversed(dottedName) + "\u0000" + type; // below the label separator: a name sorts before its subtree
    }

    private static String reversed(String dottedName) {
        List<String> labels = new ArrayList<>(Arrays.asList(dottedName.substring(0, dottedName.length() - 1)
                .toLowerCase(Locale.ROOT).split("\\.")));
        Collections.reverse(labels);
        return String.join("\u0001", labels);
    }
}
