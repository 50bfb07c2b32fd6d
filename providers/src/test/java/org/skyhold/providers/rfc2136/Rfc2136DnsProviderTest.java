package org.skyhold.providers.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The {@code rfc2136} provider against a real BIND 9 started for the test (see {@link Bind}). */
class Rfc2136DnsProviderTest {
    static final String AGENTS = "agents." + Bind.ZONE;

    static Bind bind;

    @BeforeAll
    static void start() {
        bind = Bind.start();
    }

    @AfterAll
    static void stop() {
        if (bind != null) {
            bind.close();
        }
    }

    /** Settings for the test server with this key; the zone is found by SOA unless {@code more} sets it. */
    static KindSettings settings(int port, String key, String secret, Map<String, String> more) {
        Map<String, String> fields = new HashMap<>(Map.of(Rfc2136Fields.SERVER.name(), "127.0.0.1",
                Rfc2136Fields.PORT.name(), Integer.toString(port), Rfc2136Fields.KEY_NAME.name(), key));
        fields.putAll(more);
        return new KindSettings(ProviderFields.of(fields), Map.of(Rfc2136Fields.SECRET.name(), Secret.of(secret)),
                null);
    }

    static DnsProvider provider(String key, String secret, Map<String, String> more) {
        return new Rfc2136DnsKind().create(settings(bind.port, key, secret, more));
    }

    static DnsProvider provider() {
        return provider(Bind.KEY, bind.secret, Map.of());
    }

    @Test
    void anUpdateSetsTheAddressTheServerThenGivesWithTheTtl() throws IOException {
        provider().upsertA("u1." + AGENTS, "203.0.113.10", 60);

        assertThat(bind.addresses("u1." + AGENTS)).containsExactly("203.0.113.10");
        Message answer = bind.query("u1." + AGENTS, Type.A, true);
        assertThat(answer.getSection(Section.ANSWER)).singleElement()
                .satisfies(r -> assertThat(r.getTTL()).isEqualTo(60));
    }

    @Test
    void anUpsertReplacesTheAddressInOneUpdate() {
        DnsProvider dns = provider();
        dns.upsertA("u2." + AGENTS, "203.0.113.20", 60);
        dns.upsertA("u2." + AGENTS, "203.0.113.21", 60);

        assertThat(bind.addresses("u2." + AGENTS)).containsExactly("203.0.113.21");
    }

    @Test
    void aDeleteRemovesTheRecordAndDeletingAgainIsSuccess() {
        DnsProvider dns = provider();
        dns.upsertA("u3." + AGENTS, "203.0.113.30", 60);
        dns.deleteA("u3." + AGENTS);

        assertThat(bind.addresses("u3." + AGENTS)).isEmpty();
        dns.deleteA("u3." + AGENTS);
        assertThat(bind.addresses("u3." + AGENTS)).isEmpty();
    }

    @Test
    void theSweepersListingIsASignedZoneTransferOfTheRecordsUnderTheBaseDomain() {
        DnsProvider dns = provider();
        dns.upsertA("l1." + AGENTS, "203.0.113.41", 60);
        dns.upsertA("l2." + AGENTS, "203.0.113.42", 120);

        assertThat(dns.listA(AGENTS)).contains(new DnsRecord("l1." + AGENTS, "203.0.113.41", 60),
                new DnsRecord("l2." + AGENTS, "203.0.113.42", 120)).allSatisfy(r ->
                assertThat(r.name()).endsWith("." + AGENTS));
        assertThat(dns.listA(Bind.ZONE)).as("the whole zone").contains(
                new DnsRecord(Bind.WWW, Bind.WWW_IP, 300), new DnsRecord("l1." + AGENTS, "203.0.113.41", 60));
    }

    @Test
    void theZoneIsFoundBySoaOrTakenAsConfigured() {
        provider().upsertA("z1." + AGENTS, "203.0.113.51", 60);
        provider(Bind.KEY, bind.secret, Map.of(Rfc2136Fields.ZONE.name(), Bind.ZONE))
                .upsertA("z2." + AGENTS, "203.0.113.52", 60);

        assertThat(bind.addresses("z1." + AGENTS)).containsExactly("203.0.113.51");
        assertThat(bind.addresses("z2." + AGENTS)).containsExactly("203.0.113.52");
    }

    @Test
    void udpWorksToo() {
        DnsProvider dns = provider(Bind.KEY, bind.secret, Map.of(Rfc2136Fields.PROTOCOL.name(), "udp"));
        dns.upsertA("udp1." + AGENTS, "203.0.113.61", 60);
        assertThat(bind.addresses("udp1." + AGENTS)).containsExactly("203.0.113.61");
        dns.deleteA("udp1." + AGENTS);
        assertThat(bind.addresses("udp1." + AGENTS)).isEmpty();
    }

    @Test
    void anHmacSha512KeyWorks() {
        provider(Bind.SHA512_KEY, bind.sha512Secret, Map.of(Rfc2136Fields.ALGORITHM.name(), "hmac-sha512"))
                .upsertA("s512." + AGENTS, "203.0.113.71", 60);
        assertThat(bind.addresses("s512." + AGENTS)).containsExactly("203.0.113.71");
    }

    @Test
    void aWrongSecretIsAnAuthenticationErrorNamingTheKeyAndChangesNothing() {
        String wrong = bind.noGrantSecret; // a valid key, but not this one's
        assertThatThrownBy(() -> provider(Bind.KEY, wrong, Map.of(Rfc2136Fields.ZONE.name(), Bind.ZONE))
                .upsertA("bad1." + AGENTS, "203.0.113.81", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.AUTH);
                    assertThat(e.getMessage()).contains("authentication failed", "TSIG key " + Bind.KEY, "BADSIG",
                            "127.0.0.1:" + bind.port).doesNotContain(wrong);
                });
        assertThat(bind.addresses("bad1." + AGENTS)).isEmpty();
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationError() {
        assertThatThrownBy(() -> provider("who-is-this", bind.secret, Map.of()).upsertA("bad2." + AGENTS,
                "203.0.113.82", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.AUTH);
                    assertThat(e.getMessage()).contains("TSIG key who-is-this", "BADKEY");
                });
    }

    @Test
    void aKeyThePolicyDoesNotGrantIsRefusedAsBadConfigForUpdatesAndTransfers() {
        DnsProvider dns = provider(Bind.NO_GRANT_KEY, bind.noGrantSecret, Map.of());
        assertThatThrownBy(() -> dns.upsertA("bad3." + AGENTS, "203.0.113.83", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
                    assertThat(e.getMessage()).contains("REFUSED", "TSIG key " + Bind.NO_GRANT_KEY);
                });
        assertThatThrownBy(() -> dns.listA(AGENTS))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
                    assertThat(e.getMessage()).contains("REFUSED", "AXFR");
                });
    }

    @Test
    void aNameOutsideTheConfiguredZoneIsNotZoneAsBadConfig() {
        assertThatThrownBy(() -> provider(Bind.KEY, bind.secret, Map.of(Rfc2136Fields.ZONE.name(), Bind.ZONE))
                .upsertA("a1.agents.elsewhere.test", "203.0.113.84", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
                    assertThat(e.getMessage()).contains("NOTZONE");
                });
    }

    @Test
    void aServerFailureIsRetriedAsOther() {
        assertThatThrownBy(() -> provider(Bind.KEY, bind.secret, Map.of(Rfc2136Fields.ZONE.name(), Bind.BROKEN_ZONE))
                .upsertA("a1." + Bind.BROKEN_ZONE, "203.0.113.85", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.OTHER);
                    assertThat(e.getMessage()).contains("SERVFAIL");
                });
    }

    @Test
    void noServerOnThePortIsOtherOverTcpAndUdp() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        for (String protocol : new String[] {"tcp", "udp"}) {
            Rfc2136Settings s = Rfc2136Settings.read(settings(closed, Bind.KEY, bind.secret,
                    Map.of(Rfc2136Fields.PROTOCOL.name(), protocol, Rfc2136Fields.ZONE.name(), Bind.ZONE)));
            DnsProvider dns = new Rfc2136DnsProvider(s, Duration.ofMillis(500));
            assertThatThrownBy(() -> dns.upsertA("gone." + AGENTS, "203.0.113.86", 60)).as(protocol)
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.OTHER);
                        assertThat(e.getMessage()).contains("127.0.0.1:" + closed);
                    });
        }
    }

    @Test
    void testConnectionChecksTheZoneAndTheKeyWithoutChangingAnything() throws IOException {
        Message before = bind.query(Bind.ZONE, Type.SOA, true);
        String ok = provider(Bind.KEY, bind.secret, Map.of(Rfc2136Fields.ZONE.name(), Bind.ZONE)).testConnection();

        assertThat(ok).contains("serves zone " + Bind.ZONE, "SOA serial", "accepted TSIG key " + Bind.KEY,
                "zone transfers are allowed");
        assertThat(bind.query(Bind.ZONE, Type.SOA, true).getSection(Section.ANSWER))
                .as("the no-op update changed nothing, not even the serial")
                .isEqualTo(before.getSection(Section.ANSWER));
        assertThatThrownBy(() -> provider(Bind.KEY, bind.noGrantSecret, Map.of(Rfc2136Fields.ZONE.name(), Bind.ZONE))
                .testConnection()).isInstanceOfSatisfying(ProviderException.class, e ->
                assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.AUTH));
        assertThat(provider().testConnection()).as("without a zone, the key alone")
                .contains("signed its answer with TSIG key " + Bind.KEY);
    }
}
