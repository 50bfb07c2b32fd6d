package org.skyhold.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.engine.Failpoints;
import org.skyhold.domain.engine.RecoveryTimes;

/** {@code SKYHOLD_FAILPOINTS} arms points only behind {@code SKYHOLD_ENABLE_FAILPOINTS=true}, and only known ones. */
class FailpointSettingsTest {
    private static Config config(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return Config.fromEnvironment(env);
    }

    @Test
    void nothingIsArmedByDefault() {
        FailpointSettings f = config().failpoints();
        assertThat(f.armed()).isEmpty();
        assertThat(f.ignored()).isNull();
    }

    @Test
    void withTheSwitchEachListedPointIsArmedAtItsHit() {
        FailpointSettings f = config("SKYHOLD_ENABLE_FAILPOINTS", "true",
                "SKYHOLD_FAILPOINTS", " create.after_pending_row=exit , destroy.after_vm_delete=exit@3,").failpoints();
        assertThat(f.armed()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Failpoints.CREATE_AFTER_PENDING_ROW, 1, Failpoints.DESTROY_AFTER_VM_DELETE, 3));
        assertThat(f.describe()).contains("create.after_pending_row=exit@1", "destroy.after_vm_delete=exit@3");
    }

    @Test
    void withoutTheSwitchTheListIsIgnoredAndKeptForTheWarning() {
        for (String off : new String[] {null, "false", "FALSE"}) {
            Config c = off == null ? config("SKYHOLD_FAILPOINTS", "no.such.point=exit")
                    : config("SKYHOLD_ENABLE_FAILPOINTS", off, "SKYHOLD_FAILPOINTS", "no.such.point=exit");
            assertThat(c.failpoints().armed()).as("switch %s", off).isEmpty();
            assertThat(c.failpoints().ignored()).isEqualTo("no.such.point=exit");
        }
    }

    @Test
    void anUnknownNameIsRefusedNamingTheVariableAndListingTheKnownOnes() {
        assertThatThrownBy(() -> config("SKYHOLD_ENABLE_FAILPOINTS", "true",
                "SKYHOLD_FAILPOINTS", "create.after_pending_row=exit,create.after_everything=exit"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo("SKYHOLD_FAILPOINTS"))
                .hasMessageContaining("unknown failpoint \"create.after_everything\"")
                .hasMessageContaining(String.join(", ", Failpoints.NAMES));
    }

    @Test
    void anotherActionABadHitOrADuplicateIsRefusedNamingTheVariable() {
        for (String bad : new String[] {"create.after_pending_row=panic", "create.after_pending_row",
                "create.after_pending_row=exit@0", "create.after_pending_row=exit@x",
                "staged.after_row=exit,staged.after_row=exit@2"}) {
            assertThatThrownBy(() -> config("SKYHOLD_ENABLE_FAILPOINTS", "true", "SKYHOLD_FAILPOINTS", bad))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageStartingWith("SKYHOLD_FAILPOINTS: ");
        }
    }

    @Test
    void aSwitchThatIsNotABooleanIsRefused() {
        assertThatThrownBy(() -> config("SKYHOLD_ENABLE_FAILPOINTS", "yes", "SKYHOLD_FAILPOINTS", "staged.after_row=exit"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SKYHOLD_ENABLE_FAILPOINTS: ");
    }

    @Test
    void recoveryTimesDefaultAndCanBeShortened() {
        assertThat(config().recovery()).isEqualTo(RecoveryTimes.DEFAULT);
        RecoveryTimes short_ = config("SKYHOLD_PENDING_GRACE_SECONDS", "5", "SKYHOLD_SWEEP_INTERVAL_SECONDS", "2",
                "SKYHOLD_SWEEP_GRACE_SECONDS", "4").recovery();
        assertThat(short_).isEqualTo(new RecoveryTimes(Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(4)));
        assertThatThrownBy(() -> config("SKYHOLD_SWEEP_GRACE_SECONDS", "0"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SKYHOLD_SWEEP_GRACE_SECONDS: ");
    }
}
