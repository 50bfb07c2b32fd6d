package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.TestCatalog;

/**
 * An app on its own embedded PostgreSQL saves every secret of every kind, then is read and refused in every way
 * the route table allows; no response, no log line, no console line, no file of its data folder and no raw
 * database row holds any secret in plain text.
 */
class SecretsNeverLeaveTest {
    /** Text found in settings but in no secret: where it shows up, the search would have found a secret too. */
    private static final String NOT_SECRET = "AKIAIOSFODNN7EXAMPLE";

    static Capture capture;
    static Path dataDir;
    static List<String> responses;
    static Map<String, byte[]> rows;
    static List<String> savedSecrets;

    @BeforeAll
    static void saveEverySecretAndReadAndRefuseEverything() throws Exception {
        capture = new Capture();
        dataDir = TestApp.newDataDir();
        Map<String, String> env = Map.of("SKYHOLD_PORT", "0", "SKYHOLD_BIND", "127.0.0.1",
                "SKYHOLD_DATA_DIR", dataDir.toString(), "SKYHOLD_ADMIN_PASSWORD", TestApp.ADMIN_PASSWORD);
        try (TestApp app = TestApp.start(env)) {
            LeakScenario scenario = new LeakScenario(app);
            scenario.saveEverything();
            scenario.readEverything();
            scenario.refuseWithSecretsInTheRequest();
            responses = scenario.responses;
            savedSecrets = scenario.savedSecrets;
            rows = LeakScenario.rawRows(dataDir);
        }
    }

    @AfterAll
    static void stopCapturing() {
        capture.close();
    }

    private static List<String> secretsIn(String text) {
        return SampleSettings.SECRET_MARKERS.stream().filter(text::contains).toList();
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void everySecretOfEveryKindWasSavedAndStored() {
        assertThat(savedSecrets).contains("zone.nginx_key", "aws VM provider.aws_secret_access_key",
                "digitalocean VM provider.digital_ocean_token", "route53 DNS provider.aws_secret_access_key",
                "digitalocean DNS provider.digital_ocean_token", "rfc2136 DNS provider.rfc2136_tsig_secret",
                "oci VM provider.oci_private_key", "oci DNS provider.oci_private_key",
                "gcp VM provider.gcp_credentials", "gcp DNS provider.gcp_credentials",
                "azure VM provider.azure_client_secret", "azure VM provider.azure_os_password",
                "azure DNS provider.azure_client_secret");
        // the NGINX key and one marked value per secret field of the catalog; the GCP key file has two: its key id
        // and a line of its private key
        assertThat(SampleSettings.SECRET_MARKERS).hasSize(9);
    }

    @Test
    void noResponseHeaderOrBodyHoldsASecret() {
        assertThat(responses).hasSizeGreaterThan(80);
        assertThat(responses).anyMatch(r -> r.contains(NOT_SECRET));
        assertThat(responses).anyMatch(r -> r.contains("\"set\":true"));
        for (String response : responses) {
            assertThat(secretsIn(response)).as(response).isEmpty();
        }
    }

    @Test
    void noLogLineOrConsoleOutputHoldsASecret() {
        List<String> lines = capture.logLines();
        assertThat(lines).anyMatch(l -> l.contains("Skyhold ready on"));
        assertThat(lines).anyMatch(l -> l.contains("skyhold.access") && l.contains(" 400 "));
        for (String line : lines) {
            assertThat(secretsIn(line)).as(line).isEmpty();
        }
        assertThat(secretsIn(capture.console())).isEmpty();
    }

    @Test
    void noFileOfTheDataFolderHoldsASecretAfterTheDatabaseWroteEverything() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anyMatch(f -> f.toString().contains("pg_wal"));
        long bytes = 0;
        boolean plainDataSeen = false;
        for (Path file : files) {
            String content = latin1(Files.readAllBytes(file));
            bytes += content.length();
            plainDataSeen |= content.contains(NOT_SECRET);
            assertThat(secretsIn(content)).as(file.toString()).isEmpty();
        }
        assertThat(bytes).isGreaterThan(10_000_000);
        assertThat(plainDataSeen).as("the search reads the database's files, where settings are in plain text").isTrue();
    }

    @Test
    void theStoredRowsHoldSecretsOnlySealed() {
        Map<String, byte[]> sealed = new LinkedHashMap<>(rows);
        sealed.keySet().removeIf(k -> k.contains(" as JSON "));
        int kinds = TestCatalog.vmIds().size() + TestCatalog.dnsIds().size();
        assertThat(sealed).hasSize(kinds + 1);
        assertThat(sealed.values().stream().filter(b -> b != null && b.length > 0))
                .as("every kind but the simulated ones has sealed secrets")
                .hasSize(kinds - 2 + 1);
        assertThat(rows.keySet()).anyMatch(k -> k.startsWith("events as JSON"));
        rows.forEach((row, bytes) -> assertThat(secretsIn(latin1(bytes == null ? new byte[0] : bytes))).as(row).isEmpty());
    }
}
