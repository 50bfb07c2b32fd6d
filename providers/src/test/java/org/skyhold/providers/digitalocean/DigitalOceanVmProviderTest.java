package org.skyhold.providers.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.providers.TestFields;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/** The droplet provider against the fake DigitalOcean API: what it sends, what it reads, how it fails. */
class DigitalOceanVmProviderTest {
    static final String VPC = "5a4981aa-9653-4bd1-bef5-d6bff52042e4";
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    FakeDigitalOcean fake;

    @BeforeEach
    void start() {
        fake = FakeDigitalOcean.start(clock).sampleAccount();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static Map<String, String> fields() {
        Map<String, String> f = new HashMap<>(Map.of("digital_ocean_region", "fra1",
                "digital_ocean_droplet_image", "ubuntu-24-04-x64", "digital_ocean_droplet_size", "s-4vcpu-8gb",
                "digital_ocean_tags", "[\"vdi\",\"env:prod\"]", "digital_ocean_sshkey_name", "ops",
                "digital_ocean_firewall_name", "agents-fw", "digital_ocean_vpc_uuid", VPC));
        return f;
    }

    DigitalOceanVmProvider provider(Map<String, String> fields, String token, String endpoint) {
        return new DigitalOceanVmProvider(new KindSettings(TestFields.of(fields),
                Map.of("digital_ocean_token", Secret.of(token)), endpoint), clock, Duration.ofMillis(1));
    }

    DigitalOceanVmProvider provider(Map<String, String> fields) {
        return provider(fields, FakeDigitalOcean.TOKEN, fake.url());
    }

    DigitalOceanVmProvider provider() {
        return provider(fields());
    }

    /** This test's provider settings against another test's fake (the contract test shares them). */
    DigitalOceanVmProviderTest withFake(FakeDigitalOcean other) {
        this.fake = other;
        return this;
    }

    static VmSpec spec(String installation, long zone, String agent) {
        return new VmSpec(agent, "skyhold-" + agent, "#!/bin/sh\necho " + agent + "\n",
                VmSpec.tags(installation, zone, agent), "skyhold-" + agent, "http://checkin", "token");
    }

    @Test
    void createSendsEveryConfiguredFieldAndSkyholdsTagsInTheDropletBody() {
        VmInstance made = provider().create(spec("inst1", 7, "agcreate0001"));

        assertThat(fake.requests("POST", "/droplets")).hasSize(1);
        JsonNode body = fake.droplets().get(0).body;
        assertThat(body.path("name").asText()).isEqualTo("skyhold-agcreate0001");
        assertThat(body.path("region").asText()).isEqualTo("fra1");
        assertThat(body.path("size").asText()).isEqualTo("s-4vcpu-8gb");
        assertThat(body.path("image").asText()).isEqualTo("ubuntu-24-04-x64");
        assertThat(body.path("ssh_keys")).hasSize(1);
        assertThat(body.path("ssh_keys").get(0).isNumber()).as("the key's id, not its name").isTrue();
        assertThat(fake.requests("GET", "/account/keys")).hasSize(1);
        assertThat(body.path("tags").toString()).isEqualTo("[\"vdi\",\"env:prod\",\"skyhold-installation:inst1\","
                + "\"skyhold-zone:inst1-7\",\"skyhold-agent:agcreate0001\"]");
        assertThat(body.path("user_data").asText()).isEqualTo("#!/bin/sh\necho agcreate0001\n");
        assertThat(body.path("vpc_uuid").asText()).isEqualTo(VPC);

        assertThat(made.instanceId()).isEqualTo(Long.toString(fake.droplets().get(0).id));
        assertThat(made.state()).isEqualTo(VmState.CREATING);
        assertThat(made.publicIp()).isNull();
        assertThat(made.tags()).isEqualTo(VmSpec.tags("inst1", 7, "agcreate0001"));
    }

    @Test
    void optionalFieldsLeftEmptyAreLeftOutAndANumericImageIsSentAsANumber() {
        fake.image("154321987");
        Map<String, String> f = new HashMap<>(fields());
        f.remove("digital_ocean_sshkey_name");
        f.remove("digital_ocean_firewall_name");
        f.remove("digital_ocean_vpc_uuid");
        f.remove("digital_ocean_tags");
        f.put("digital_ocean_droplet_image", "154321987");
        provider(f).create(spec("inst1", 7, "agnumeric001"));

        JsonNode body = fake.droplets().get(0).body;
        assertThat(body.path("image").isNumber()).isTrue();
        assertThat(body.path("image").asLong()).isEqualTo(154321987L);
        assertThat(body.has("ssh_keys")).isFalse();
        assertThat(body.has("vpc_uuid")).isFalse();
        assertThat(fake.requests("GET", "/firewalls")).isEmpty();
        assertThat(body.path("tags")).hasSize(3);
    }

    @Test
    void aZoneWhoseTagDoesNotExistYetGetsItCreatedAndAddedToTheFirewall() {
        fake.tag("vdi"); // an existing tag is fine
        var provider = provider();
        provider.create(spec("inst1", 42, "agzonetag001"));

        assertThat(fake.tags()).contains("vdi", "env:prod", "skyhold-installation:inst1", "skyhold-zone:inst1-42",
                "skyhold-agent:agzonetag001");
        assertThat(fake.firewallTags("agents-fw")).containsExactly("skyhold-zone:inst1-42");
        List<FakeDigitalOcean.Seen> all = fake.requests();
        int tagCreated = indexOf(all, "POST", "/tags", "skyhold-zone:inst1-42");
        int firewallTagged = indexOf(all, "POST", "/firewalls/", "skyhold-zone:inst1-42");
        int dropletCreated = indexOf(all, "POST", "/droplets", "skyhold-zone:inst1-42");
        assertThat(tagCreated).as("the tag exists before the firewall is given it").isLessThan(firewallTagged);
        assertThat(firewallTagged).isLessThan(dropletCreated);

        provider.create(spec("inst1", 42, "agzonetag002"));
        assertThat(fake.requests("POST", "/firewalls/")).as("the firewall is tagged once per zone").hasSize(1);
        assertThat(fake.requests("POST", "/tags")).extracting(s -> s.body().path("name").asText())
                .as("known tags are not created again; only the new agent's tag")
                .containsExactly("vdi", "env:prod", "skyhold-installation:inst1", "skyhold-zone:inst1-42",
                        "skyhold-agent:agzonetag001", "skyhold-agent:agzonetag002");
        assertThat(fake.droplets()).hasSize(2);
    }

    @Test
    void aFirewallThatAlreadyHasTheZonesTagIsLeftAsItIs() {
        fake.tag("skyhold-zone:inst1-5");
        provider().create(spec("inst1", 5, "agfwready001"));
        provider().create(spec("inst1", 5, "agfwready002"));
        assertThat(fake.firewallTags("agents-fw")).containsExactly("skyhold-zone:inst1-5");
        assertThat(fake.requests("POST", "/firewalls/")).hasSize(1);
    }

    @Test
    void aMissingFirewallOrSshKeyIsABadConfigurationNamingIt() {
        Map<String, String> f = new HashMap<>(fields());
        f.put("digital_ocean_firewall_name", "no-such-fw");
        assertFails(() -> provider(f).create(spec("i", 1, "agnofirewall")), ProviderErrorClass.BAD_CONFIG,
                "\"no-such-fw\"");
        f.put("digital_ocean_firewall_name", "agents-fw");
        f.put("digital_ocean_sshkey_name", "nobody");
        assertFails(() -> provider(f).create(spec("i", 1, "agnosshkey01")), ProviderErrorClass.BAD_CONFIG,
                "\"nobody\"");
        assertThat(fake.droplets()).isEmpty();
    }

    @Test
    void describeReadsTheStatusAndBothIpv4AddressesFromNetworks() {
        var provider = provider();
        String id = provider.create(spec("inst1", 1, "agdescribe01")).instanceId();
        assertThat(provider.describe(id)).get().satisfies(i -> {
            assertThat(i.state()).isEqualTo(VmState.CREATING);
            assertThat(i.publicIp()).isNull();
            assertThat(i.privateIp()).isNull();
        });

        fake.boot(Long.parseLong(id));
        VmInstance up = provider.describe(id).orElseThrow();
        assertThat(up.state()).isEqualTo(VmState.RUNNING);
        assertThat(up.publicIp()).startsWith("203.0.113.");
        assertThat(up.privateIp()).startsWith("10.110.0.");
        assertThat(up.tags()).containsEntry(VmSpec.TAG_AGENT, "agdescribe01").containsEntry(VmSpec.TAG_ZONE, "1");

        fake.powerOff(Long.parseLong(id));
        assertThat(provider.describe(id).orElseThrow().state()).as("powered off: still there, not up")
                .isEqualTo(VmState.DELETING);
    }

    @Test
    void statusesMapToTheEngineVocabulary() {
        assertThat(Droplets.state("new")).isEqualTo(VmState.CREATING);
        assertThat(Droplets.state("active")).isEqualTo(VmState.RUNNING);
        assertThat(Droplets.state("off")).isEqualTo(VmState.DELETING);
        assertThat(Droplets.state("archive")).isEqualTo(VmState.GONE);
    }

    @Test
    void deleteRemovesTheDropletAndADropletThatIsGoneIsSuccess() {
        var provider = provider();
        String id = provider.create(spec("inst1", 1, "agdelete0001")).instanceId();
        provider.delete(id);
        assertThat(fake.droplets()).isEmpty();
        assertThat(provider.describe(id)).isEmpty();
        provider.delete(id);
        assertThat(fake.requests("DELETE", "/droplets/" + id)).hasSize(2);
        provider.delete("not-a-droplet-id");
        assertThat(provider.describe("not-a-droplet-id")).isEmpty();
    }

    @Test
    void listTaggedFollowsEveryPageAndKeepsToTheInstallation() {
        fake.maxPerPage(2);
        var provider = provider();
        for (int i = 0; i < 5; i++) {
            provider.create(spec("mine", 1, "agpaged0000" + i));
        }
        provider.create(spec("theirs", 1, "agtheirs0001"));

        List<VmInstance> mine = provider.listTagged("mine");
        assertThat(mine).hasSize(5).allSatisfy(i -> assertThat(i.tags()).containsEntry(VmSpec.TAG_INSTALLATION,
                "mine"));
        List<FakeDigitalOcean.Seen> pages = fake.requests("GET", "/droplets").stream()
                .filter(s -> "skyhold-installation:mine".equals(s.query().get("tag_name"))).toList();
        assertThat(pages).extracting(s -> s.query().getOrDefault("page", "1")).containsExactly("1", "2", "3");
    }

    @Test
    void aRateLimitedCallIsThrottledUntilTheResetAndNothingIsSentMeanwhile() {
        var provider = provider();
        fake.throttleNext("POST", "/droplets", Duration.ofSeconds(90), 1);
        ProviderException e = assertFails(() -> provider.create(spec("inst1", 1, "agthrottle01")),
                ProviderErrorClass.THROTTLED, "rate limit");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(fake.droplets()).isEmpty();

        int sent = fake.requests().size();
        clock.advance(Duration.ofSeconds(30));
        ProviderException meanwhile = assertFails(() -> provider.describe("123"), ProviderErrorClass.THROTTLED,
                "rate limit");
        assertThat(meanwhile.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(fake.requests()).as("no request is sent while none remains").hasSize(sent);

        clock.advance(Duration.ofSeconds(60));
        provider.create(spec("inst1", 1, "agthrottle01"));
        assertThat(fake.droplets()).hasSize(1);
    }

    @Test
    void aWrongTokenOrAForbiddenCallIsAnAuthError() {
        assertFails(() -> provider(fields(), "dop_v1_wrongwrongwrongwrong", fake.url()).listTagged("x"),
                ProviderErrorClass.AUTH, "Unable to authenticate you");
        fake.failNext("GET", "/droplets", 403, "forbidden", "You do not have access for the attempted action.", 1);
        assertFails(() -> provider().listTagged("x"), ProviderErrorClass.AUTH, "do not have access");
    }

    @Test
    void aRefusalCarriesItsHttpStatusAndErrorIdApartFromItsMessage() {
        fake.failNext("GET", "/droplets", 403, "forbidden", "You do not have access for the attempted action.", 1);
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider().listTagged("x"));

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.cloudCode()).isEqualTo("forbidden");
    }

    @Test
    void theDropletLimitIsAQuotaError() {
        fake.dropletLimit(1);
        var provider = provider();
        provider.create(spec("inst1", 1, "aglimit00001"));
        assertFails(() -> provider.create(spec("inst1", 1, "aglimit00002")), ProviderErrorClass.QUOTA,
                "exceed your droplet limit");
    }

    @Test
    void anotherRefusalIsABadConfigurationWithTheApisMessage() {
        Map<String, String> f = new HashMap<>(fields());
        f.put("digital_ocean_region", "ams9");
        assertFails(() -> provider(f).create(spec("inst1", 1, "agbadregion1")), ProviderErrorClass.BAD_CONFIG,
                "Region is not available");
    }

    @Test
    void serverErrorsAreRetriedInsideTheCallAndThenReportedAsOther() {
        var provider = provider();
        String id = provider.create(spec("inst1", 1, "agretry00001")).instanceId();
        fake.failNext("GET", "/droplets/", 500, "server_error", "Server was unable to give you a response.", 2);
        assertThat(provider.describe(id)).isPresent();
        assertThat(fake.requests("GET", "/droplets/" + id)).hasSize(3);

        fake.failNext("GET", "/droplets/", 503, "service_unavailable", "Service unavailable", 3);
        assertFails(() -> provider.describe(id), ProviderErrorClass.OTHER, "Service unavailable");
    }

    @Test
    void aCreateWhoseAnswerWasLostReturnsTheDropletItMadeInsteadOfASecond() {
        fake.applyButFailNext("POST", "/droplets", 502);
        VmInstance made = provider().create(spec("inst1", 1, "aglostanswer"));
        assertThat(fake.droplets()).hasSize(1);
        assertThat(made.instanceId()).isEqualTo(Long.toString(fake.droplets().get(0).id));
        assertThat(fake.requests("POST", "/droplets")).hasSize(1);

        fake.failNext("POST", "/droplets", 500, "server_error", "Server was unable to give you a response.", 1);
        provider().create(spec("inst1", 1, "agfailedonce"));
        assertThat(fake.droplets()).as("a create that failed is made again").hasSize(2);
    }

    @Test
    void anUnreachableApiIsAnOtherError() {
        String gone = fake.url();
        fake.close();
        assertFails(() -> provider(fields(), FakeDigitalOcean.TOKEN, gone).listTagged("x"),
                ProviderErrorClass.OTHER, "did not answer");
        fake = FakeDigitalOcean.start(clock);
    }

    @Test
    void userDataOverSixtyFourKibIsRefusedBeforeAnyCall() {
        VmSpec big = new VmSpec("agbig0000001", "skyhold-agbig0000001", "x".repeat(65_537),
                VmSpec.tags("i", 1, "agbig0000001"), "k", "http://c", "t");
        assertFails(() -> provider().create(big), ProviderErrorClass.BAD_CONFIG, "65537 bytes");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void theSizeIsKnownOnceACreateHasReadIt() {
        var provider = provider();
        assertThat(provider.expectedCapacity()).isEmpty();
        provider.create(spec("inst1", 1, "agsize000001"));
        assertThat(provider.expectedCapacity()).contains(new Capacity(4, 0, 8192));

        Map<String, String> f = new HashMap<>(fields());
        f.put("digital_ocean_droplet_size", "gpu-h100x1-80gb");
        var gpu = provider(f);
        gpu.testConnection();
        assertThat(gpu.expectedCapacity()).contains(new Capacity(20, 1, 245_760));
    }

    @Test
    void testConnectionChecksTheTokenAndEveryConfiguredResource() {
        assertThat(provider().testConnection()).contains("ops@example.com", "droplet limit 25", "region fra1",
                "size s-4vcpu-8gb (4 vCPUs, 8192 MB)", "image ubuntu-24-04-x64", "SSH key ops", "firewall agents-fw",
                "VPC default-fra1");
        assertThat(fake.requests("GET", "/account")).isNotEmpty();
        assertThat(fake.droplets()).as("nothing is created").isEmpty();

        Map<String, String> wrong = Map.of("digital_ocean_region", "ams9", "digital_ocean_droplet_size", "s-99",
                "digital_ocean_droplet_image", "no-such-image", "digital_ocean_sshkey_name", "nobody",
                "digital_ocean_firewall_name", "no-fw", "digital_ocean_vpc_uuid",
                "00000000-0000-0000-0000-000000000000");
        wrong.forEach((field, value) -> {
            Map<String, String> f = new HashMap<>(fields());
            f.put(field, value);
            assertFails(() -> provider(f).testConnection(), ProviderErrorClass.BAD_CONFIG, value);
        });
        assertFails(() -> provider(fields(), "dop_v1_wrongwrongwrongwrong", fake.url()).testConnection(),
                ProviderErrorClass.AUTH, "Unable to authenticate you");
    }

    @Test
    void theEndpointOverrideWorksWithOrWithoutV2AndDefaultsToThePublicApi() {
        assertThat(DoHttp.baseUrl(null)).isEqualTo("https://api.digitalocean.com/v2");
        assertThat(DoHttp.baseUrl(" ")).isEqualTo("https://api.digitalocean.com/v2");
        assertThat(DoHttp.baseUrl("http://127.0.0.1:9/")).isEqualTo("http://127.0.0.1:9/v2");
        assertThat(DoHttp.baseUrl("http://127.0.0.1:9/v2/")).isEqualTo("http://127.0.0.1:9/v2");
        assertThat(provider(fields(), FakeDigitalOcean.TOKEN, fake.url() + "/v2").listTagged("x")).isEmpty();
    }

    private static int indexOf(List<FakeDigitalOcean.Seen> all, String method, String pathPrefix, String inBody) {
        for (int i = 0; i < all.size(); i++) {
            var s = all.get(i);
            if (s.method().equals(method) && s.path().startsWith(pathPrefix) && s.body().toString().contains(inBody)) {
                return i;
            }
        }
        throw new AssertionError("no " + method + " " + pathPrefix + " with " + inBody + " in " + all);
    }

    static ProviderException assertFails(Runnable call, ProviderErrorClass errorClass, String inMessage) {
        ProviderException e = catchThrowableOfType(ProviderException.class, call::run);
        assertThat(e).as("expected a %s error", errorClass).isNotNull();
        assertThat(e.errorClass()).as(e.getMessage()).isEqualTo(errorClass);
        assertThat(e.getMessage()).contains(inMessage);
        return e;
    }
}
