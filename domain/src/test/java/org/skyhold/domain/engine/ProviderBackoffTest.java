package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.provider.ProviderException;

/** How long a provider rests after each class of failure, and that no failure rests it for good. */
class ProviderBackoffTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    private static Duration restAfter(int failures, ProviderErrorClass c) {
        ProviderHealth h = ProviderHealth.HEALTHY;
        Instant at = NOW;
        for (int i = 0; i < failures; i++) {
            h = ProviderBackoff.afterFailure(h, new ProviderException(c, "refused"), at);
        }
        return Duration.between(at, h.backoffUntil());
    }

    @Test
    void badConfigurationRestsThirtyMinutesDoublingToSixHoursNotTenYears() {
        assertThat(restAfter(1, ProviderErrorClass.BAD_CONFIG)).isEqualTo(Duration.ofMinutes(30));
        assertThat(restAfter(2, ProviderErrorClass.BAD_CONFIG)).isEqualTo(Duration.ofMinutes(60));
        assertThat(restAfter(3, ProviderErrorClass.BAD_CONFIG)).isEqualTo(Duration.ofMinutes(120));
        assertThat(restAfter(4, ProviderErrorClass.BAD_CONFIG)).isEqualTo(Duration.ofMinutes(240));
        assertThat(restAfter(5, ProviderErrorClass.BAD_CONFIG)).isEqualTo(Duration.ofHours(6));
        assertThat(restAfter(40, ProviderErrorClass.BAD_CONFIG)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void refusedCredentialsAreTriedAgainAfterTheSameBackoffAsBadConfiguration() {
        assertThat(restAfter(1, ProviderErrorClass.AUTH)).isEqualTo(Duration.ofMinutes(30));
        assertThat(restAfter(12, ProviderErrorClass.AUTH)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void capacityAndQuotaRestFiveMinutesDoublingToThirty() {
        assertThat(restAfter(1, ProviderErrorClass.CAPACITY)).isEqualTo(Duration.ofMinutes(5));
        assertThat(restAfter(2, ProviderErrorClass.QUOTA)).isEqualTo(Duration.ofMinutes(10));
        assertThat(restAfter(9, ProviderErrorClass.CAPACITY)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aThrottleRestsAsLongAsTheCloudAskedElseThirtySeconds() {
        ProviderHealth asked = ProviderBackoff.afterFailure(ProviderHealth.HEALTHY, new ProviderException(
                ProviderErrorClass.THROTTLED, "slow down", Duration.ofSeconds(7), null), NOW);
        assertThat(asked.backoffUntil()).isEqualTo(NOW.plusSeconds(7));
        assertThat(restAfter(1, ProviderErrorClass.THROTTLED)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anyOtherErrorRestsOneMinuteDoublingToTen() {
        assertThat(restAfter(1, ProviderErrorClass.OTHER)).isEqualTo(Duration.ofMinutes(1));
        assertThat(restAfter(3, ProviderErrorClass.OTHER)).isEqualTo(Duration.ofMinutes(4));
        assertThat(restAfter(20, ProviderErrorClass.OTHER)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theHealthKeepsTheCountTheClassAndTheCloudsMessage() {
        ProviderHealth h = ProviderBackoff.afterFailure(new ProviderHealth(NOW, 2, ProviderErrorClass.OTHER, "x"),
                new ProviderException(ProviderErrorClass.BAD_CONFIG, "InvalidAMIID.NotFound: no such image"), NOW);
        assertThat(h.level()).isEqualTo(3);
        assertThat(h.lastErrorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
        assertThat(h.lastError()).isEqualTo("InvalidAMIID.NotFound: no such image");
        assertThat(h.backingOffAt(NOW.plus(Duration.ofMinutes(119)))).isTrue();
        assertThat(h.backingOffAt(NOW.plus(Duration.ofMinutes(120)))).isFalse();
    }
}
