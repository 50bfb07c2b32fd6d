package org.skyhold.providers.rfc2136;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real BIND 9 for the tests: {@code named -g} on 127.0.0.1 and a free port, run as the user the tests run as
 * (root here, so no {@code -u}), with its configuration, keys, zone files and journals in a temporary directory
 * it can write. Keys come from {@code tsig-keygen}. Zone {@value #ZONE} grants {@value #KEY} (hmac-sha256) and
 * {@value #SHA512_KEY} (hmac-sha512) A-record updates and zone transfers; {@value #NO_GRANT_KEY} is known to the
 * server but granted nothing. Zone {@value #BROKEN_ZONE} does not load, so the server answers SERVFAIL for it.
 * Where BIND is missing the test is skipped with how to install it; under CI (the {@code CI} variable set) it
 * fails instead, so these tests can never silently not run.
 */
public final class Bind implements AutoCloseable {
    public static final String ZONE = "example.test";
    public static final String BROKEN_ZONE = "broken.test";
    public static final String KEY = "skyhold-key";
    public static final String SHA512_KEY = "skyhold-sha512";
    public static final String NO_GRANT_KEY = "no-grant-key";
    /** A name in the zone that no test writes: the sweeper must never touch records it did not write. */
    public static final String WWW = "www." + ZONE;
    public static final String WWW_IP = "192.0.2.80";

    static final Path NAMED = Path.of(System.getProperty("skyhold.named", "/usr/sbin/named"));
    static final Path TSIG_KEYGEN = Path.of(System.getProperty("skyhold.tsig-keygen", "/usr/sbin/tsig-keygen"));
    private static final Pattern SECRET = Pattern.compile("secret \"([A-Za-z0-9+/=]+)\";");

    public final int port;
    /** Each key's base64 secret, by key name. */
    public final String secret;
    public final String sha512Secret;
    public final String noGrantSecret;
    private final Path dir;
    private final Process named;

    private Bind(int port, String secret, String sha512Secret, String noGrantSecret, Path dir, Process named) {
        this.port = port;
        this.secret = secret;
        this.sha512Secret = sha512Secret;
        this.noGrantSecret = noGrantSecret;
        this.dir = dir;
        this.named = named;
    }

    /** Starts named and waits until it answers for {@value #ZONE}, or skips / fails as described above. */
    public static Bind start() {
        if (!Files.isExecutable(NAMED) || !Files.isExecutable(TSIG_KEYGEN)) {
            String how = "the RFC 2136 tests need BIND 9 (" + NAMED + ", " + TSIG_KEYGEN
                    + "): install it with `sudo apt-get install bind9 bind9-utils`";
            if (System.getenv("CI") != null) {
                fail("CI is set, so the BIND tests must run, but " + how);
            }
            Assumptions.abort(how);
        }
        try {
            Path dir = Files.createTempDirectory("skyhold-bind");
            String keys = keygen(KEY, "hmac-sha256") + keygen(SHA512_KEY, "hmac-sha512")
                    + keygen(NO_GRANT_KEY, "hmac-sha256");
            Files.writeString(dir.resolve("keys.conf"), keys);
            Files.writeString(dir.resolve(ZONE + ".db"), "$TTL 300\n"
                    + "@ IN SOA ns1." + ZONE + ". hostmaster." + ZONE + ". 1 3600 600 86400 60\n"
                    + "@ IN NS ns1." + ZONE + ".\n"
                    + "ns1 IN A 127.0.0.1\n"
                    + "www IN A " + WWW_IP + "\n");
            Files.writeString(dir.resolve(BROKEN_ZONE + ".db"), "this is not a zone file\n");
            int port = freePort();
            Files.writeString(dir.resolve("named.conf"), config(dir));
            Process named = new ProcessBuilder(NAMED.toString(), "-g", "-n", "1", "-c",
                    dir.resolve("named.conf").toString(), "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("named.log").toFile()).start();
            List<String> secrets = new ArrayList<>();
            Matcher m = SECRET.matcher(keys);
            while (m.find()) {
                secrets.add(m.group(1));
            }
            Bind bind = new Bind(port, secrets.get(0), secrets.get(1), secrets.get(2), dir, named);
            bind.awaitAnswering();
            return bind;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(Path dir) {
        String grants = "update-policy { grant " + KEY + " zonesub A; grant " + SHA512_KEY + " zonesub A; };\n"
                + "  allow-transfer { key " + KEY + "; key " + SHA512_KEY + "; };\n";
        return "options {\n"
                + "  directory \"" + dir + "\";\n"
                + "  pid-file none;\n"
                + "  session-keyfile \"" + dir.resolve("session.key") + "\";\n"
                + "  listen-on { 127.0.0.1; };\n"
                + "  listen-on-v6 { none; };\n"
                + "  recursion no;\n"
                + "  dnssec-validation no;\n"
                + "};\n"
                + "controls { };\n" // no rndc channel: two test servers must not fight over port 953
                + "include \"" + dir.resolve("keys.conf") + "\";\n"
                + "zone \"" + ZONE + "\" {\n  type primary;\n  file \"" + dir.resolve(ZONE + ".db") + "\";\n  "
                + grants + "};\n"
                + "zone \"" + BROKEN_ZONE + "\" {\n  type primary;\n  file \"" + dir.resolve(BROKEN_ZONE + ".db")
                + "\";\n  " + grants + "};\n";
    }

    private static String keygen(String name, String algorithm) throws IOException {
        Process p = new ProcessBuilder(TSIG_KEYGEN.toString(), "-a", algorithm, name).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("tsig-keygen failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitAnswering() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            if (!named.isAlive()) {
                throw new IllegalStateException("named exited with " + named.exitValue() + ":\n" + log());
            }
            try {
                Message answer = query(ZONE, Type.SOA, true);
                if (answer.getRcode() == Rcode.NOERROR && answer.getSection(Section.ANSWER).size() == 1) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("named did not answer within 20 s:\n" + log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** An unsigned query to the server, as any client of the zone would make it. */
    public Message query(String name, int type, boolean tcp) throws IOException {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
        r.setTCP(tcp);
        r.setTimeout(Duration.ofSeconds(2));
        return r.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    }

    /** The addresses the server gives for {@code name}'s A records; empty when it has none. */
    public List<String> addresses(String name) {
        try {
            Message answer = query(name, Type.A, false);
            return answer.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
                    .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What named wrote to its log so far (for assertion messages). */
    public String log() {
        try {
            return Files.readString(dir.resolve("named.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        named.destroy();
        try {
            if (!named.waitFor(10, TimeUnit.SECONDS)) {
                named.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
