package org.skyhold.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Skyhold killed with {@code kill -9} leaves its PostgreSQL running; the next start must not mind. */
class KilledProcessRecoveryTest {
    @Test
    void aStartAfterKillMinusNineOnTheSameDataDirectorySucceeds() {
        Path dataDir = TestApp.newDataDir();
        Map<String, String> env = Map.of(
                "SKYHOLD_PORT", "0", "SKYHOLD_BIND", "127.0.0.1", "SKYHOLD_DATA_DIR", dataDir.toString());
        try (SkyholdProcess first = SkyholdProcess.start(env)) {
            assertThat(first.said("Skyhold ready on")).isTrue();
            first.kill(); // SIGKILL: no shutdown hook runs, PostgreSQL stays up
            assertThat(first.isAlive()).isFalse();
        }

        try (TestApp second = TestApp.start(env)) {
            assertThat(second.get("/healthz").statusCode()).isEqualTo(200);
        }
    }
}
