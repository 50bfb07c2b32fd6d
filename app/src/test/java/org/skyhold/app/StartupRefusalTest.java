package org.skyhold.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration stops start-up with one line naming the variable, not a stack trace. */
class StartupRefusalTest {
    private static String refusal(Map<String, String> env) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Skyhold started = Main.start(env, System.currentTimeMillis(), new PrintStream(buf, true, StandardCharsets.UTF_8));
        if (started != null) {
            started.close();
        }
        assertThat(started).as("start-up should have been refused").isNull();
        String text = buf.toString(StandardCharsets.UTF_8).strip();
        assertThat(text).doesNotContain("\n").doesNotContain("Exception");
        return text;
    }

    @Test
    void aPortThatIsNotANumberIsRefusedNamingTheVariable() {
        assertThat(refusal(Map.of("SKYHOLD_PORT", "eighty")))
                .isEqualTo("Skyhold cannot start: SKYHOLD_PORT: must be a whole number between 0 and 65535, got \"eighty\"");
    }

    @Test
    void aPortOutOfRangeIsRefusedNamingTheVariable() {
        assertThat(refusal(Map.of("SKYHOLD_PORT", "70000"))).contains("SKYHOLD_PORT", "70000");
    }

    @Test
    void anUnreachableDatabaseIsRefusedNamingTheVariable() {
        Map<String, String> env = new HashMap<>(TestApp.env(TestApp.newDataDir()));
        env.put("SKYHOLD_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/skyhold");
        assertThat(refusal(env)).startsWith("Skyhold cannot start: SKYHOLD_DATABASE_URL: cannot connect to");
    }

    @Test
    void aMalformedMasterKeyIsRefusedNamingTheVariable() {
        Map<String, String> env = new HashMap<>(TestApp.env(TestApp.newDataDir()));
        env.put("SKYHOLD_MASTER_KEY", "too-short");
        assertThat(refusal(env)).contains("SKYHOLD_MASTER_KEY");
    }

    @Test
    void aPublicUrlThatIsNotHttpIsRefusedNamingTheVariable() {
        assertThat(refusal(Map.of("SKYHOLD_PUBLIC_URL", "ftp://example.org"))).contains("SKYHOLD_PUBLIC_URL");
    }

    @Test
    void aPortInUseIsRefusedNamingTheVariable() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> env = new HashMap<>(TestApp.env(TestApp.newDataDir()));
            env.put("SKYHOLD_PORT", Integer.toString(taken.getLocalPort()));
            assertThat(refusal(env)).contains("SKYHOLD_PORT", "cannot listen");
        }
    }

    @Test
    void aSecondManagerWithAnotherMasterKeyIsRefusedNamingTheVariable() {
        Map<String, String> first = new HashMap<>(TestApp.env(TestApp.newDataDir()));
        try (TestApp running = TestApp.start(first)) {
            Map<String, String> second = new HashMap<>(first);
            second.put("SKYHOLD_DATA_DIR", TestApp.newDataDir().toString()); // generates a key of its own
            second.put("SKYHOLD_MANAGER_ID", "second");

            assertThat(refusal(second)).startsWith("Skyhold cannot start: SKYHOLD_MASTER_KEY: the key generated in ")
                    .contains("every manager sharing a database needs the same key");
        }
    }

    @Test
    void aSecondManagerWithTheFirstManagersKeyStarts() throws Exception {
        Map<String, String> first = new HashMap<>(TestApp.env(TestApp.newDataDir()));
        try (TestApp running = TestApp.start(first)) {
            Map<String, String> second = new HashMap<>(first);
            second.put("SKYHOLD_DATA_DIR", TestApp.newDataDir().toString());
            second.put("SKYHOLD_MANAGER_ID", "second");
            second.put("SKYHOLD_MASTER_KEY", Files.readString(running.dataDir.resolve("master.key")).trim());
            try (TestApp other = TestApp.start(second)) {
                assertThat(other.getAsAdmin("/api/v1/zones").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void malformedTrustedProxiesAreRefusedNamingTheVariable() {
        assertThat(refusal(Map.of("SKYHOLD_TRUSTED_PROXIES", "10.0.0.0/8, proxy.example")))
                .contains("SKYHOLD_TRUSTED_PROXIES", "proxy.example");
        assertThat(refusal(Map.of("SKYHOLD_TRUSTED_PROXIES", "10.0.0.0/33"))).contains("SKYHOLD_TRUSTED_PROXIES");
    }

    @Test
    void aTlsCertificateWithoutItsKeyOrAMissingFileIsRefusedNamingTheVariable() throws Exception {
        Path cert = Files.createTempFile("cert", ".pem");
        assertThat(refusal(Map.of("SKYHOLD_TLS_CERT_FILE", cert.toString()))).contains("SKYHOLD_TLS_KEY_FILE");
        assertThat(refusal(Map.of("SKYHOLD_TLS_CERT_FILE", cert.toString(), "SKYHOLD_TLS_KEY_FILE", "/no/such.pem")))
                .contains("SKYHOLD_TLS_KEY_FILE", "/no/such.pem");
        assertThat(refusal(Map.of("SKYHOLD_HTTP_REDIRECT_PORT", "8081"))).contains("SKYHOLD_HTTP_REDIRECT_PORT");
    }

    @Test
    void anUnknownFailpointIsRefusedInOneLineNamingTheVariableAndTheKnownPoints() {
        assertThat(refusal(Map.of("SKYHOLD_ENABLE_FAILPOINTS", "true", "SKYHOLD_FAILPOINTS", "create.after_lunch=exit")))
                .startsWith("Skyhold cannot start: SKYHOLD_FAILPOINTS: unknown failpoint \"create.after_lunch\"")
                .contains("create.after_pending_row", "destroy.before_row_final", "staged.after_claim");
    }
}
