package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.providers.rfc2136.Bind;

/**
 * The real app (executor, PostgreSQL, simulated VMs) registering its agents' names in a real BIND 9 through an
 * {@code rfc2136} DNS provider; every name is checked by asking BIND itself.
 */
class Rfc2136ScenarioTest {
    static Bind bind;
    static Scenario s;

    @BeforeAll
    static void start() {
        bind = Bind.start();
        s = Scenario.start();
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
        if (bind != null) {
            bind.close();
        }
    }

    @Test
    void agentsNamesResolveThroughBindWhileTheyLiveAndStopResolvingWhenTheyAreDestroyed() {
        long dns = dnsProvider("bind-" + System.nanoTime(), bind.secret);
        String base = "agents." + Bind.ZONE;
        long zone = s.zone(Map.of("standby_cores", 8, "register_dns", true, "dns_provider_id", dns,
                "base_domain_name", base, "downscale_backoff", 60));
        // before the zone has a provider: a background pass may otherwise create and register an agent first
        assertThat(dnsStatus(zone).text()).endsWith(": no name registered yet");
        s.simProvider(zone, Map.of("sim_boot_seconds", 30));
        assertThat(Jsoup.parse(s.page("/zones/" + s.zone(Map.of()))).selectFirst("#dns-status"))
                .as("a zone that registers no names has no DNS line").isNull();

        s.step(zone);
        s.advance(zone, Duration.ofSeconds(30));
        Scenario.await("both agents run", () -> s.agents(zone, AgentState.RUNNING).size() == 2);
        List<Agent> agents = s.agents(zone);
        assertThat(agents).allSatisfy(a -> {
            assertThat(a.dnsName()).isEqualTo(a.id() + "." + base);
            assertThat(bind.addresses(a.dnsName())).as(bind.log()).containsExactly(a.publicIp());
        });
        Element status = dnsStatus(zone);
        assertThat(status.text()).startsWith("DNS provider bind-").contains(": ok: registered ");
        assertThat(status.selectFirst("span").hasClass("ok")).isTrue();

        assertThat(s.api.put("/api/v1/zones/" + zone, Map.of("standby_cores", 0)).status()).isEqualTo(200);
        s.advance(zone, Duration.ofSeconds(61));
        s.advance(zone, Duration.ofSeconds(61));
        Scenario.await("the idle agents are destroyed", () -> s.agents(zone).isEmpty());
        assertThat(agents).allSatisfy(a -> assertThat(bind.addresses(a.dnsName())).as(a.dnsName()).isEmpty());
        assertThat(s.eventReasons(zone, "dns.deleted")).hasSize(2);
        assertThat(bind.addresses(Bind.WWW)).as("a record Skyhold did not write").containsExactly(Bind.WWW_IP);
    }

    @Test
    void theSweeperListsTheZoneByTransferAndRemovesOnlyNamesOfItsOwnEndedAgents() {
        long dns = dnsProvider("bind-sweep-" + System.nanoTime(), bind.secret);
        String base = "sweep." + Bind.ZONE;
        long zone = s.zone(Map.of("standby_cores", 0, "register_dns", true, "dns_provider_id", dns,
                "base_domain_name", base));
        var ports = s.app.engine().ports;
        var provider = ports.factory().dns(ports.dnsProviders().find(dns).orElseThrow());
        // left behind by a crash: the name of an agent this installation created and that has ended, beside a name
        // Skyhold never writes and an agent-shaped name nobody here registered
        s.endedAgent(zone, null, "agorphan0001");
        provider.upsertA("agorphan0001." + base, "203.0.113.90", 60);
        provider.upsertA("mail." + base, "203.0.113.91", 60);
        provider.upsertA("agforeign001." + base, "203.0.113.92", 60);

        s.advance(zone, Duration.ofMinutes(2));
        assertThat(bind.addresses("agorphan0001." + base)).as("within the grace period").hasSize(1);
        s.advance(zone, Duration.ofMinutes(10));

        assertThat(bind.addresses("agorphan0001." + base)).isEmpty();
        assertThat(bind.addresses("mail." + base)).containsExactly("203.0.113.91");
        assertThat(bind.addresses("agforeign001." + base)).containsExactly("203.0.113.92");
        assertThat(s.eventReasons(zone, "sweeper.dns_deleted")).singleElement().asString()
                .contains("agorphan0001." + base);
        assertThat(s.eventReasons(zone, "dns.error")).isEmpty();
        assertThat(s.eventReasons(zone, "sweeper.dns_error")).isEmpty();
    }

    /**
     * The sweeper's transfer and the agents' registrations run at the same time and fail apart; the zone page shows
     * the registration's error first and the sweeper's beside it, whichever was recorded last (here the sweeper's,
     * which the page used to show alone), and each clears with its own next success.
     */
    @Test
    void aFailedTransferByTheSweeperShowsBesideTheRegistrationsErrorWithoutHidingIt() {
        long dns = dnsProvider("bind-both-" + System.nanoTime(), bind.noGrantSecret);
        String base = "both." + Bind.ZONE;
        long zone = s.zone(Map.of("standby_cores", 4, "register_dns", true, "dns_provider_id", dns,
                "base_domain_name", base));
        s.simProvider(zone, Map.of("sim_boot_seconds", 3600));
        s.step(zone);
        String name = s.agents(zone).get(0).id() + "." + base;
        Scenario.await("the registration failed", () -> !s.eventReasons(zone, "dns.error").isEmpty());

        s.advance(zone, Duration.ofMinutes(1)); // the zone's first sweep: its transfer fails with the same key
        Element status = dnsStatus(zone);
        assertThat(status.text()).contains("error: could not register " + name, "BADSIG",
                "; error: the sweeper could not list the records under " + base);
        assertThat(status.text().indexOf("could not register")).as("the registration's error first")
                .isLessThan(status.text().indexOf("the sweeper could not list"));
        assertThat(status.selectFirst("span").hasClass("error")).isTrue();
        assertThat(s.eventReasons(zone, "sweeper.dns_error")).as("recorded after the registration's error")
                .first().asString().startsWith("the sweeper could not list the records under " + base);

        assertThat(s.api.put("/api/v1/dns-providers/" + dns, Map.of("rfc2136_tsig_secret", bind.secret)).status())
                .isEqualTo(200);
        s.advance(zone, Duration.ofMinutes(1));
        Scenario.await("the name is registered with the fixed key", () -> !bind.addresses(name).isEmpty());
        status = dnsStatus(zone);
        assertThat(status.text()).contains("ok: registered " + name).doesNotContain("error");
        assertThat(status.selectFirst("span").hasClass("ok")).isTrue();
        assertThat(s.eventReasons(zone, "sweeper.dns_listed")).singleElement().asString()
                .startsWith("the sweeper listed the ");
    }

    @Test
    void aWrongTsigSecretShowsOnTheZonePageAsAnAuthenticationErrorNamingTheKeyUntilItIsFixed() {
        String wrong = bind.noGrantSecret; // a real key's secret, but not skyhold-key's
        long dns = dnsProvider("bind-wrong-" + System.nanoTime(), wrong);
        String base = "wrong." + Bind.ZONE;
        long zone = s.zone(Map.of("standby_cores", 4, "register_dns", true, "dns_provider_id", dns,
                "base_domain_name", base));
        s.simProvider(zone, Map.of("sim_boot_seconds", 3600));

        s.step(zone);
        Agent agent = s.agents(zone).get(0);
        String name = agent.id() + "." + base;
        Scenario.await("the registration failed", () -> !s.eventReasons(zone, "dns.error").isEmpty());
        assertThat(bind.addresses(name)).isEmpty();
        Element status = dnsStatus(zone);
        assertThat(status.text()).contains("error: could not register " + name, "authentication failed",
                "TSIG key " + Bind.KEY, "BADSIG").doesNotContain(wrong);
        assertThat(status.selectFirst("span").hasClass("error")).isTrue();

        assertThat(s.api.put("/api/v1/dns-providers/" + dns, Map.of("rfc2136_tsig_secret", bind.secret)).status())
                .isEqualTo(200);
        assertThat(dnsStatus(zone).text()).as("until a call succeeds").contains("error: could not register");
        s.advance(zone, Duration.ofSeconds(5));
        Scenario.await("the name is registered with the fixed key", () -> !bind.addresses(name).isEmpty());
        assertThat(bind.addresses(name)).containsExactly(s.agents(zone).get(0).publicIp());
        assertThat(dnsStatus(zone).text()).contains("ok: registered " + name);
    }

    private static long dnsProvider(String name, String secret) {
        var created = s.api.post("/api/v1/dns-providers", Map.of("kind", "rfc2136", "name", name,
                "rfc2136_server", "127.0.0.1", "rfc2136_port", bind.port, "rfc2136_tsig_key_name", Bind.KEY,
                "rfc2136_tsig_secret", secret));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    private static Element dnsStatus(long zone) {
        Element status = Jsoup.parse(s.page("/zones/" + zone)).selectFirst("#dns-status");
        assertThat(status).as("the zone page's DNS status line").isNotNull();
        return status;
    }
}
