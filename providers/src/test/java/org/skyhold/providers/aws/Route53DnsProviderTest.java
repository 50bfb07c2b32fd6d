package org.skyhold.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;

/** The Route 53 provider through the real SDK against the fake Route 53. */
class Route53DnsProviderTest {
    static AwsClients clients;
    FakeRoute53 r53;
    Route53DnsProvider dns;

    @BeforeAll
    static void clients() {
        clients = new AwsClients();
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @BeforeEach
    void fake() {
        r53 = new FakeRoute53();
        dns = new Route53DnsProvider(clients, AwsTestSettings.dns(r53));
    }

    @AfterEach
    void stop() {
        r53.close();
    }

    @Test
    void anAgentsRecordGoesIntoTheLongestMatchingHostedZoneAsAnARecordWithItsTtl() {
        r53.zone("example.test", false);
        FakeRoute53.Zone agents = r53.zone("agents.example.test", false);
        r53.zone("agents.example.test.other", false);
        r53.zone("test", false);

        dns.upsertA("ag0000000001.agents.example.test", "203.0.113.7", 60);

        assertThat(r53.records(agents)).containsExactly(
                new FakeRoute53.Rrset("ag0000000001.agents.example.test.", "A", 60, java.util.List.of("203.0.113.7")));
        var change = r53.calls("ChangeResourceRecordSets").get(0);
        assertThat(change.method()).isEqualTo("POST");
        assertThat(change.path()).as("the zone id is passed bare").isEqualTo("/2013-04-01/hostedzone/" + agents.id()
                + "/rrset/");
        assertThat(change.body()).contains("<Action>UPSERT</Action>", "<Type>A</Type>", "<TTL>60</TTL>",
                "<Value>203.0.113.7</Value>");
        assertThat(r53.calls("ListHostedZonesByName").get(0).params())
                .containsEntry("dnsname", "agents.example.test");
        assertThat(change.region()).as("Route 53 is signed for us-east-1").isEqualTo("us-east-1");
        assertThat(change.service()).isEqualTo("route53");
    }

    @Test
    void aParentZoneHoldsTheBaseDomainWhenItHasNoZoneOfItsOwn() {
        FakeRoute53.Zone parent = r53.zone("example.test", false);
        r53.zone("other.test", false);
        dns.upsertA("ag0000000002.agents.example.test", "203.0.113.8", 60);
        assertThat(r53.records(parent)).extracting(FakeRoute53.Rrset::name)
                .containsExactly("ag0000000002.agents.example.test.");
        assertThat(r53.calls("ListHostedZonesByName")).extracting(c -> c.params().get("dnsname"))
                .containsExactly("agents.example.test", "example.test");
    }

    @Test
    void thePublicZoneIsTakenWhenAPrivateOneHasTheSameNameAndAPrivateOneAloneIsUsed() {
        r53.zone("agents.example.test", true);
        FakeRoute53.Zone pub = r53.zone("agents.example.test", false);
        FakeRoute53.Zone onlyPrivate = r53.zone("corp.test", true);
        dns.upsertA("ag0000000003.agents.example.test", "203.0.113.9", 60);
        dns.upsertA("ag0000000004.corp.test", "10.0.0.9", 60);
        assertThat(r53.records(pub)).hasSize(1);
        assertThat(r53.records(onlyPrivate)).hasSize(1);
    }

    @Test
    void anUpsertReplacesTheAddressAndTheHostedZoneIsLookedUpOnce() {
        FakeRoute53.Zone zone = r53.zone("agents.example.test", false);
        dns.upsertA("ag0000000005.agents.example.test", "203.0.113.10", 60);
        dns.upsertA("ag0000000005.agents.example.test", "203.0.113.11", 60);
        assertThat(r53.records(zone)).singleElement()
                .satisfies(r -> assertThat(r.values()).containsExactly("203.0.113.11"));
        assertThat(r53.calls("ListHostedZonesByName")).hasSize(1);
    }

    @Test
    void aDeleteSendsTheRecordAsRoute53HoldsItAndAMissingRecordIsSuccess() {
        FakeRoute53.Zone zone = r53.zone("agents.example.test", false);
        r53.put(zone, "ag0000000006.agents.example.test", "A", 300, "198.51.100.4");
        r53.put(zone, "ag0000000006.agents.example.test", "TXT", 300, "\"keep me\"");

        dns.deleteA("ag0000000006.agents.example.test");
        assertThat(r53.records(zone)).extracting(FakeRoute53.Rrset::type).containsExactly("TXT");
        assertThat(r53.calls("ChangeResourceRecordSets").get(0).body()).contains("<Action>DELETE</Action>",
                "<TTL>300</TTL>", "<Value>198.51.100.4</Value>");

        r53.clearCalls();
        dns.deleteA("ag0000000006.agents.example.test");
        dns.deleteA("ag0000000007.agents.example.test");
        assertThat(r53.calls("ChangeResourceRecordSets")).isEmpty();
        assertThat(r53.calls("ListResourceRecordSets").get(0).params())
                .containsEntry("name", "ag0000000006.agents.example.test").containsEntry("type", "A")
                .containsEntry("maxitems", "1");
    }

    @Test
    void aRecordDeletedByOthersBetweenTheLookAndTheDeleteIsSuccess() {
        FakeRoute53.Zone zone = r53.zone("agents.example.test", false);
        r53.put(zone, "ag0000000008.agents.example.test", "A", 60, "198.51.100.5");
        r53.failNext("ChangeResourceRecordSets", 400, "InvalidChangeBatch", "[Tried to delete resource record set "
                + "[name='ag0000000008.agents.example.test.', type='A'] but it was not found]");
        dns.deleteA("ag0000000008.agents.example.test");
    }

    @Test
    void listingReadsEveryPageAndReturnsOnlyARecordsAtOrBelowTheBaseDomain() {
        FakeRoute53.Zone zone = r53.zone("example.test", false);
        r53.put(zone, "example.test", "A", 300, "192.0.2.1");
        r53.put(zone, "agents.example.test", "TXT", 300, "\"x\"");
        for (int i = 1; i <= 5; i++) {
            r53.put(zone, "ag000000000" + i + ".agents.example.test", "A", 60, "203.0.113." + i);
        }
        r53.put(zone, "deep.ag0000000001.agents.example.test", "A", 60, "203.0.113.99");
        r53.put(zone, "agents0.example.test", "A", 60, "192.0.2.2");
        r53.put(zone, "zzz.example.test", "A", 60, "192.0.2.3");
        r53.pageSize(2);

        assertThat(dns.listA("agents.example.test")).extracting(DnsRecord::name).containsExactlyInAnyOrder(
                "ag0000000001.agents.example.test", "ag0000000002.agents.example.test",
                "ag0000000003.agents.example.test", "ag0000000004.agents.example.test",
                "ag0000000005.agents.example.test", "deep.ag0000000001.agents.example.test");
        assertThat(dns.listA("agents.example.test")).contains(
                new DnsRecord("ag0000000003.agents.example.test", "203.0.113.3", 60));
        assertThat(r53.calls("ListResourceRecordSets").size()).isGreaterThan(2);
    }

    @Test
    void noHostedZoneForTheDomainIsABadConfiguration() {
        r53.zone("elsewhere.test", false);
        assertThatThrownBy(() -> dns.upsertA("ag0000000009.agents.example.test", "203.0.113.1", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
                    assertThat(e.getMessage()).contains("no Route 53 hosted zone holds agents.example.test");
                });
    }

    @Test
    void route53ErrorsAreClassifiedAndAVanishedZoneIsLookedUpAgain() {
        FakeRoute53.Zone zone = r53.zone("agents.example.test", false);
        dns.upsertA("ag0000000010.agents.example.test", "203.0.113.1", 60);

        r53.failNext("ChangeResourceRecordSets", 400, "Throttling", "Rate exceeded");
        assertClass(ProviderErrorClass.THROTTLED, "Throttling: Rate exceeded");
        r53.failNext("ChangeResourceRecordSets", 400, "PriorRequestNotComplete", "busy");
        assertClass(ProviderErrorClass.THROTTLED, "PriorRequestNotComplete");
        r53.failNext("ChangeResourceRecordSets", 403, "AccessDenied", "User is not authorized");
        assertClass(ProviderErrorClass.AUTH, "AccessDenied");
        r53.failNext("ChangeResourceRecordSets", 404, "NoSuchHostedZone", "No hosted zone found with ID: "
                + zone.id());
        assertClass(ProviderErrorClass.BAD_CONFIG, "NoSuchHostedZone");
        r53.acceptOnly("AKIAOTHERKEY00000000");
        assertClass(ProviderErrorClass.AUTH, "InvalidClientTokenId");
        r53.acceptOnly(FakeAwsServer.ACCESS_KEY_ID);

        r53.clearCalls();
        dns.upsertA("ag0000000010.agents.example.test", "203.0.113.2", 60);
        assertThat(r53.calls("ListHostedZonesByName")).as("the zone was looked up again after NoSuchHostedZone")
                .hasSize(1);
        assertThat(r53.calls()).extracting(FakeAwsServer.Call::operation)
                .containsOnly("ListHostedZonesByName", "ChangeResourceRecordSets");
    }

    private void assertClass(ProviderErrorClass c, String inMessage) {
        assertThatThrownBy(() -> dns.upsertA("ag0000000010.agents.example.test", "203.0.113.3", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(c);
                    assertThat(e.getMessage()).contains(inMessage);
                });
    }
}
