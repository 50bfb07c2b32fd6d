package org.skyhold.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A Skyhold killed with {@code kill -9} leaves its PostgreSQL running; the next start must not mind. */
class KilledProcessRecoveryTest {
    @Test
    void aStartAfterKillMinusNineOnTheSameDataDirectorySucceeds() throws Exception {
        Path dataDir = TestApp.newDataDir();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true);
        pb.environment().put("SKYHOLD_PORT", "0");
        pb.environment().put("SKYHOLD_BIND", "127.0.0.1");
        pb.environment().put("SKYHOLD_DATA_DIR", dataDir.toString());
        Process first = pb.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.contains("Skyhold ready on")) {
                    break;
                }
            }
            assertThat(output).as("the first run's output").anyMatch(l -> l.contains("Skyhold ready on"));
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL stays up
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (TestApp second = TestApp.start(Map.of(
                "SKYHOLD_PORT", "0", "SKYHOLD_BIND", "127.0.0.1", "SKYHOLD_DATA_DIR", dataDir.toString()))) {
            assertThat(second.get("/healthz").statusCode()).isEqualTo(200);
        }
    }
}
