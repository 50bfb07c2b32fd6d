package org.skyhold.app.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.TestCatalog;
import org.skyhold.domain.kind.FieldSpec;

/**
 * What the fuzzers send: field names the app knows (every kind's fields, the zone's, the common ones) and a few it
 * does not, with random and boundary values of every JSON type, plus bodies that are not a JSON object at all
 * (malformed, duplicate keys, invalid UTF-8, huge).
 */
final class FuzzInput {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int HUGE = 3 * 1024 * 1024;

    private FuzzInput() {
    }

    /** Names of every field the API or a form takes, and some it does not. */
    static List<String> fieldNames() {
        TreeSet<String> names = new TreeSet<>(SampleSettings.zone(1L).keySet());
        Stream.concat(TestCatalog.vmIds().stream().flatMap(k -> TestCatalog.vm(k).fields().stream()),
                TestCatalog.dnsIds().stream().flatMap(k -> TestCatalog.dns(k).fields().stream()))
                .map(FieldSpec::name).forEach(names::add);
        TestCatalog.vmIds().forEach(k -> names.addAll(SampleSettings.vmProvider(k).keySet()));
        names.addAll(List.of("kind", "name", "scope", "zone_id", "image_id", "user", "cores", "gpus", "memory_mb",
                "address", "num_sessions", "expiration", "current_password", "new_password", "enabled", "_clear",
                "", " ", "__proto__", "name\u0000", "NAME", "zone_id[]", "\ud83d\udca5"));
        return List.copyOf(names);
    }

    /** One JSON value of any type, boundary values and samples of real fields included. */
    static Arbitrary<JsonNode> value(int depth) {
        List<Arbitrary<JsonNode>> choices = new ArrayList<>(List.of(
                Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false)),
                Arbitraries.of(0L, -1L, 1L, 65535L, 65536L, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE)
                        .map(NODES::numberNode),
                Arbitraries.of(1.5, -0.0, 1e308, 4.9e-324).map(NODES::numberNode),
                Arbitraries.of("9999999999999999999999999999").map(n -> NODES.numberNode(new BigInteger(n))),
                text().map(NODES::textNode)));
        if (depth > 0) {
            choices.add(value(depth - 1).list().ofMaxSize(4).map(items -> {
                ArrayNode a = NODES.arrayNode();
                items.forEach(a::add);
                return a;
            }));
            choices.add(object(depth - 1).map(o -> (JsonNode) o));
        }
        return Arbitraries.oneOf(choices);
    }

    /** Strings: empty, blank, control characters, unicode, very long, and real-looking values. */
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "\t\n", "\u0000", "null", "true", "-1", "0", "1e9", "[]", "{}", "a,b",
                        "<script>alert(1)</script>", "'; DROP TABLE zones; --", "\u2603\ud83d\udca5", "\ud800",
                        "http://169.254.169.254/latest/meta-data/", "https://example.com:0/", "-----BEGIN PRIVATE KEY-----",
                        "09:00", "eu-west-1", "10.0.0.0/8", "ssh-ed25519 AAAA", "{server_id}", "{nope}"),
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(70_000),
                Arbitraries.of(SampleSettings.vmProvider("aws").values().stream().toList()));
    }

    /** A JSON object of up to 8 known or unknown fields. */
    static Arbitrary<ObjectNode> object(int depth) {
        Arbitrary<Map<String, JsonNode>> fields = Arbitraries.maps(Arbitraries.of(fieldNames()), value(depth))
                .ofMaxSize(8);
        return fields.map(m -> {
            ObjectNode o = NODES.objectNode();
            m.forEach(o::set);
            return o;
        });
    }

    /** A request body as bytes, and whether it is a well-formed JSON object. */
    record Body(byte[] bytes, boolean jsonObject, String label) {
        @Override
        public String toString() {
            String text = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.UTF_8);
            return label + " (" + bytes.length + " bytes): " + text;
        }
    }

    static Arbitrary<Body> jsonBody() {
        Arbitrary<Body> objects = object(2).map(o -> new Body(o.toString().getBytes(StandardCharsets.UTF_8), true,
                "object"));
        Arbitrary<Body> broken = Arbitraries.of(
                raw("empty", ""), raw("null", "null"), raw("array", "[1,2]"), raw("string", "\"zone\""),
                raw("number", "42"), raw("truncated", "{\"name\": \"a"), raw("trailing", "{\"name\":\"a\"} x"),
                raw("duplicate keys", "{\"name\":\"a\",\"name\":\"b\"}"),
                raw("duplicate standby", "{\"standby_cores\":1,\"standby_cores\":\"x\"}"),
                raw("comment", "{/* c */ \"name\":\"a\"}"), raw("nan", "{\"standby_cores\": NaN}"),
                new Body(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        false, "invalid UTF-8"),
                new Body(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'}, false, "UTF-16 BOM"),
                raw("deep", "[".repeat(5000) + "]".repeat(5000)),
                raw("huge", "{\"name\":\"" + "x".repeat(HUGE) + "\"}"));
        return Arbitraries.frequencyOf(Tuple.of(4, objects), Tuple.of(1, broken));
    }

    private static Body raw(String label, String text) {
        return new Body(text.getBytes(StandardCharsets.UTF_8), false, label);
    }

    /** A form body: known and unknown names with string values, sometimes a name twice, URL-encoded or not. */
    static Arbitrary<String> formBody() {
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of(fieldNames()), text())
                .as((k, v) -> enc(k) + "=" + enc(v));
        Arbitrary<String> encoded = pair.list().ofMaxSize(8).map(l -> String.join("&", l));
        Arbitrary<String> odd = Arbitraries.of("%", "%zz=1", "name=%C3%28", "=&=&", "name", "a=1&a=2&a=3",
                "name=" + "y".repeat(HUGE));
        return Arbitraries.frequencyOf(Tuple.of(5, encoded), Tuple.of(1, odd));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
