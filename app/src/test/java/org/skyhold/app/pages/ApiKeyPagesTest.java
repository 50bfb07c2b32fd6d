package org.skyhold.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.domain.model.ApiScope;

class ApiKeyPagesTest {
    static TestApp app;
    static PageClient browser;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        browser = PageClient.signIn(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aNewKeyIsShownOnceWorksAsBearerAndStopsWorkingWhenRevoked() {
        PageClient.Page empty = browser.get("/api-keys");
        assertThat(empty.doc().select("p.empty").text()).startsWith("No API key yet — create one");

        PageClient.Page created = browser.submit(empty.form("#create-key").set("name", "deploy pipeline"));
        assertThat(created.status()).isEqualTo(200);
        String key = created.doc().selectFirst("code.key").text();
        assertThat(key).matches("sk_[A-Za-z0-9]+_\\S{20,}");
        assertThat(created.doc().select("#created-key").text()).contains("Copy it now; it is not shown again.");
        Element row = created.doc().selectFirst("#api-key-list tbody tr");
        assertThat(row.select("td").get(0).text()).isEqualTo("deploy pipeline");
        assertThat(key).startsWith(row.select("td").get(1).text() + "_");
        assertThat(row.select("td.scope").text()).as("the least scope is preselected").isEqualTo("read");

        PageClient.Page reloaded = browser.get("/api-keys");
        assertThat(reloaded.doc().selectFirst("code.key")).isNull();
        assertThat(reloaded.body()).doesNotContain(key);
        // sk_ + a 10-character prefix + _ : the rest is the secret, which may itself contain '_'
        assertThat(reloaded.body()).doesNotContain(key.substring("sk_".length() + 10 + 1));

        assertThat(zonesWith(key)).isEqualTo(200);
        Element used = browser.get("/api-keys").doc().selectFirst("#api-key-list tbody tr");
        assertThat(used.select("td").get(4).text()).as("last used").isNotEqualTo("never");

        PageClient.Page revoked = browser.submit(new PageForm(used.selectFirst("form")));
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(revoked.location()).isEqualTo("/api-keys?notice=revoked");
        PageClient.Page after = browser.get(revoked.location());
        assertThat(after.notice()).isEqualTo("API key revoked.");
        Element revokedRow = after.doc().selectFirst("#api-key-list tbody tr");
        assertThat(revokedRow.select("td").get(5).text()).as("revoked").isNotEqualTo("no");
        assertThat(revokedRow.selectFirst("form")).as("no revoke button any more").isNull();
        assertThat(zonesWith(key)).isEqualTo(401);
    }

    @Test
    void theScopeChosenOnThePageIsTheKeysScope() {
        PageClient.Page created = browser.submit(browser.get("/api-keys").form("#create-key")
                .set("name", "session broker").set("scope", "sessions"));
        String key = created.doc().selectFirst("code.key").text();

        assertThat(created.doc().selectFirst("#api-key-list tbody tr").select("td.scope").text()).isEqualTo("sessions");
        assertThat(app.skyhold.repositories().apiKeys().findByPrefix(key.substring(3, 13)).orElseThrow().scope())
                .isEqualTo(ApiScope.SESSIONS);
    }

    @Test
    void aKeyWithoutANameIsRefusedBesideTheField() {
        PageClient.Page refused = browser.submit(browser.get("/api-keys").form("#create-key").set("name", " "));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorOf("name")).isEqualTo("Name is required (up to 100 characters)");
        assertThat(refused.doc().selectFirst("code.key")).isNull();
    }

    private static int zonesWith(String key) {
        return TestApp.send(HttpRequest.newBuilder(app.url("/api/v1/zones"))
                .header("Authorization", "Bearer " + key).GET().build()).statusCode();
    }
}
