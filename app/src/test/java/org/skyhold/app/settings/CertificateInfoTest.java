package org.skyhold.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.skyhold.app.fixtures.TestPki;

class CertificateInfoTest {
    private static final KeyPair KEY = TestPki.rsa();
    private static final Instant NOW = Instant.now();

    private static String cert(Instant notAfter, String... names) {
        return TestPki.certificatePem(KEY, Date.from(NOW.minus(Duration.ofDays(30))), Date.from(notAfter), names);
    }

    @Test
    void noCertificateHasNoInfo() {
        assertThat(CertificateInfo.of(null, "agents.example.com", NOW)).isNull();
    }

    @Test
    void theSubjectAltNamesAreListedInLowerCaseWithTheExpiry() {
        Instant notAfter = NOW.plus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        CertificateInfo info = CertificateInfo.of(cert(notAfter, "*.Agents.Example.com", "agents.example.com"),
                "agents.example.com", NOW);

        assertThat(info.subjectAltNames()).containsExactly("*.agents.example.com", "agents.example.com");
        assertThat(info.subject()).isEqualTo("CN=*.Agents.Example.com");
        assertThat(info.notAfter()).isEqualTo(notAfter);
        assertThat(info.warning()).isNull();
    }

    @Test
    void aCertificateThatDoesNotCoverTheWildcardOfTheBaseDomainIsWarnedAbout() {
        String parentWildcard = cert(NOW.plus(Duration.ofDays(90)), "*.example.com");

        assertThat(CertificateInfo.of(parentWildcard, "agents.example.com", NOW).warning())
                .isEqualTo("The certificate does not cover *.agents.example.com, so agents' names will not match it.");
    }

    @Test
    void aCertificateWithoutNamesIsWarnedAbout() {
        CertificateInfo info = CertificateInfo.of(cert(NOW.plus(Duration.ofDays(90))), "agents.example.com", NOW);

        assertThat(info.subjectAltNames()).isEmpty();
        assertThat(info.warning()).contains("does not cover *.agents.example.com");
    }

    @Test
    void withoutABaseDomainThereIsNothingToCover() {
        assertThat(CertificateInfo.of(cert(NOW.plus(Duration.ofDays(90)), "x.example.com"), null, NOW).warning())
                .isNull();
    }

    @Test
    void anExpiredCertificateIsWarnedAboutFirst() {
        String expired = cert(NOW.minus(Duration.ofDays(1)), "x.example.com");

        assertThat(CertificateInfo.of(expired, "agents.example.com", NOW).warning())
                .startsWith("The certificate expired on ");
    }
}
