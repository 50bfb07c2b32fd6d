package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.app.pages.SettingsAssertions.assertFormShows;
import static org.skyhold.app.pages.SettingsAssertions.assertJsonShows;
import static org.skyhold.app.pages.SettingsAssertions.fill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.TestCatalog;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.app.settings.VmProviderFields;
import org.skyhold.domain.kind.VmProviderKind;

class VmProviderPagesTest {
    static TestApp app;
    static PageClient browser;
    static ApiClient api;
    static long zoneId;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        browser = PageClient.signIn(app);
        api = new ApiClient(app);
        zoneId = newZone("providers");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest
    @MethodSource("vmKinds")
    void everyFieldOfEveryKindRoundTripsThroughThePages(String kind) {
        PageForm add = browser.get("/zones/" + zoneId).form("#add-provider").set("kind", kind);
        PageClient.Page blank = browser.submit(add);
        assertThat(blank.status()).isEqualTo(200);
        assertGroupedWithLabelsHelpAndRequiredMarks(blank, kind);
        assertThat(blank.form("#settings").control("kind").val()).isEqualTo(kind);

        Map<String, String> sample = SampleSettings.vmProvider(kind);
        PageForm form = blank.form("#settings");
        fill(form, VmProviderFields.all(TestCatalog.vm(kind)), sample);
        PageClient.Page created = browser.submit(form);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(created.location()).matches("/zones/" + zoneId + "/vm-providers/\\d+\\?notice=created");
        String path = created.location().substring(0, created.location().indexOf('?'));
        String apiPath = "/api/v1" + path;

        PageClient.Page edit = browser.get(path);
        assertThat(edit.status()).isEqualTo(200);
        assertFormShows(edit, VmProviderFields.all(TestCatalog.vm(kind)), sample);
        JsonNode before = api.get(apiPath).body();
        assertJsonShows(before, VmProviderFields.all(TestCatalog.vm(kind)), sample);

        PageClient.Page saved = browser.submit(edit.form("#settings"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.location()).isEqualTo(path + "?notice=saved");
        JsonNode after = api.get(apiPath).body();
        assertJsonShows(after, VmProviderFields.all(TestCatalog.vm(kind)), sample);
        assertThat(withoutUpdateTime(after)).isEqualTo(withoutUpdateTime(before));
    }

    @Test
    void aRefusedValueIsShownBesideItsFieldWithTheOtherValuesKeptAndNothingSaved() {
        long zone = newZone("refusals");
        Map<String, String> sample = SampleSettings.vmProvider("aws");
        sample.put("aws_ec2_security_group_ids", "[not json");
        PageForm form = browser.get("/zones/" + zone + "/vm-providers/new?kind=aws").form("#settings");
        fill(form, VmProviderFields.all(TestCatalog.vm("aws")), sample);

        PageClient.Page refused = browser.submit(form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("aws_ec2_security_group_ids"))
                .startsWith("Security group IDs must be a JSON list of strings");
        PageForm shown = refused.form("#settings");
        assertThat(shown.control("kind").val()).isEqualTo("aws");
        assertThat(shown.control("aws_ec2_security_group_ids").wholeText()).isEqualTo("[not json");
        assertThat(shown.control("name").val()).isEqualTo("aws-main");
        assertThat(shown.control("aws_region").val()).isEqualTo("eu-west-1");
        assertThat(shown.control("startup_script").wholeText()).isEqualTo(sample.get("startup_script"));
        assertThat(shown.control("aws_ec2_ebs_volume_type").selectFirst("option[selected]").val()).isEqualTo("gp3");
        assertThat(shown.control("aws_secret_access_key").val()).isEmpty();
        assertThat(refused.body()).doesNotContain(SampleSettings.AWS_SECRET);
        assertThat(refused.doc().select(".errors").text()).contains("type them again");
        assertThat(api.get("/api/v1/zones/" + zone + "/vm-providers").body()).isEmpty();
    }

    @Test
    void testConnectionShowsTheTestersMessageOnTheProviderPage() {
        long zone = newZone("tested");
        PageClient.Page simulated = browser.get(createdPath(zone, "simulated"));
        PageClient.Page simulatedTested = browser.submit(simulated.form("#test-connection form"));
        assertThat(simulatedTested.notice()).contains("The simulated cloud keeps its VMs in memory");
        assertThat(simulatedTested.doc().selectFirst("p.notice").hasClass("ok")).isTrue();
    }

    @Test
    void theZonePageListsItsProvidersAndDeletingOneLeadsBackThere() {
        long zone = newZone("listed");
        String path = createdPath(zone, "digitalocean");
        Element row = browser.get("/zones/" + zone).doc().selectFirst("#vm-providers tbody tr");
        assertThat(row.select("td").eachText())
                .containsExactly("digitalocean-main", "DigitalOcean", "yes", "5", "12", "healthy", "not measured yet");
        assertThat(row.selectFirst("a").attr("href")).isEqualTo(path);

        PageClient.Page deleted = browser.submit(browser.get(path).form("#danger form"));
        assertThat(deleted.location()).isEqualTo("/zones/" + zone + "?notice=deleted");
        assertThat(browser.get(path).status()).isEqualTo(404);
        assertThat(browser.get("/zones/" + zone).doc().select("#vm-providers .empty").text()).contains("No VM provider");
    }

    private static void assertGroupedWithLabelsHelpAndRequiredMarks(PageClient.Page page, String kindId) {
        VmProviderKind kind = TestCatalog.vm(kindId);
        List<Element> groups = page.doc().select("#settings fieldset");
        assertThat(groups).extracting(g -> g.selectFirst("legend").text())
                .containsExactly("General", kind.displayName());
        assertThat(groups.get(0).select("[id]").eachAttr("id"))
                .containsAll(Forms.names(VmProviderFields.COMMON));
        assertThat(groups.get(1).select("[id]").eachAttr("id")).containsAll(Forms.names(kind.fields()));
        for (FieldSpec spec : VmProviderFields.all(kind)) {
            Element label = page.doc().selectFirst("label[for=" + spec.name() + "]");
            assertThat(label.text()).as("label of " + spec.name()).startsWith(spec.label());
            assertThat(label.selectFirst("abbr.required") != null).as("required mark of " + spec.name())
                    .isEqualTo(spec.required());
            if (!spec.help().isEmpty()) {
                assertThat(page.doc().getElementById("help-" + spec.name()).text()).isEqualTo(spec.help());
            }
        }
    }

    static Stream<String> vmKinds() {
        return TestCatalog.vmIds().stream();
    }

    private static long newZone(String name) {
        return api.post("/api/v1/zones", Map.of("name", name)).body().get("id").asLong();
    }

    /** Adds a provider of the kind over JSON and answers its page's path. */
    private static String createdPath(long zone, String kind) {
        var created = api.post("/api/v1/zones/" + zone + "/vm-providers", SampleSettings.vmProvider(kind));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return "/zones/" + zone + "/vm-providers/" + created.body().get("id").asLong();
    }

    private static JsonNode withoutUpdateTime(JsonNode provider) {
        ObjectNode copy = provider.deepCopy();
        copy.remove("updated_at");
        return copy;
    }
}
