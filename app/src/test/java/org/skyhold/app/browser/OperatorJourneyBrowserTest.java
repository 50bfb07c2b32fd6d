package org.skyhold.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.skyhold.app.TestApp;
import org.skyhold.app.fixtures.TestPki;

/**
 * An operator's first hour, in a real Chromium against the real app (simulated cloud, real clock): sign in, set up
 * DNS, a zone (one value refused first), a VM provider and an image through the forms, then watch agents come up
 * with DNS names on the live agents page, drain one, and read the events that explain it. Every page the browser
 * rendered is checked for the secrets typed into the forms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorJourneyBrowserTest {
    private static final String DOMAIN = "desk.example.test";

    private TestApp app;
    private Browser browser;
    private AgentsTable agents;
    private final List<String> pagesSeen = new ArrayList<>();
    private String nginxKey;
    private String zonePath;
    private String drained;

    @BeforeAll
    void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        browser = Browser.start(app);
        agents = new AgentsTable(browser);
    }

    @AfterAll
    void stop() {
        Browser.stop(browser, app);
    }

    @Test
    @Order(1)
    void anOperatorSignsInThroughTheLoginForm() {
        browser.open("/");
        assertThat(browser.path()).startsWith("/login");
        browser.type("input[name=password]", TestApp.ADMIN_PASSWORD);
        browser.find("form[action='/login'] button[type=submit]").click();
        browser.waitUntil("the home page after sign-in", 10, d -> browser.path().equals("/"));
        assertThat(browser.find("h1").getText()).isEqualTo("Zones");
        assertThat(browser.text()).contains("Sign out");
        seen();
    }

    @Test
    @Order(2)
    void addsASimulatedDnsProviderThroughItsForm() {
        browser.open("/dns-providers");
        new Select(browser.find("#kind")).selectByValue("simulated");
        browser.find("#add-dns-provider button").click();
        browser.type("#name", "sim-dns");
        submitSettings();
        assertThat(browser.text()).contains("Created.");
        seen();
    }

    @Test
    @Order(3)
    void theZoneFormRefusesABadValueWithItsMessageAndSavesNothing() {
        browser.open("/zones/new");
        browser.type("#name", "browser-zone");
        browser.type("#standby_cores", "-8");
        submitSettings();
        assertThat(browser.find("#error-standby_cores").getText()).contains("Standby cores");
        assertThat(browser.find(".errors").getText()).contains("Nothing was saved");
        assertThat(browser.find("#name").getAttribute("value")).as("typed values kept").isEqualTo("browser-zone");
        seen();
        browser.open("/");
        assertThat(browser.text()).doesNotContain("browser-zone");
    }

    @Test
    @Order(4)
    void theCorrectedZoneIsCreatedWithDnsAndACertificate() {
        KeyPair pair = TestPki.rsa();
        nginxKey = TestPki.privateKeyPem(pair);
        browser.open("/zones/new");
        browser.type("#name", "browser-zone");
        browser.type("#standby_cores", "8");
        tick("#scaling_enabled");
        tick("#register_dns");
        new Select(browser.find("#dns_provider_id")).selectByVisibleText("sim-dns (Simulated (in memory))");
        browser.type("#base_domain_name", DOMAIN);
        browser.type("#nginx_cert", TestPki.certificatePem(pair, "*." + DOMAIN));
        browser.type("#nginx_key", nginxKey);
        submitSettings();
        assertThat(browser.text()).contains("Created.");
        zonePath = browser.path().replaceAll("\\?.*", "");
        assertThat(zonePath).matches("/zones/\\d+");
        assertThat(browser.find("#cert-sans").getText()).isEqualTo("*." + DOMAIN);
        seen();
    }

    @Test
    @Order(5)
    void addsAWorkspaceImageThroughItsForm() {
        browser.open("/images");
        assertThat(browser.text()).contains("No image yet");
        browser.find("a[href='/images/new']").click();
        browser.type("#name", "win11-2c");
        browser.type("#cores", "2");
        browser.type("#gpus", "0");
        browser.type("#memory_mb", "4096");
        submitSettings();
        assertThat(browser.text()).contains("Created.");
        browser.open("/images");
        assertThat(browser.text()).contains("win11-2c");
        seen();
    }

    @Test
    @Order(6)
    void agentsAppearAndReachRunningWithDnsNamesOnTheOpenAgentsPageWithoutAReload() {
        String zoneId = zonePath.substring("/zones/".length());
        browser.open("/agents?zone_id=" + zoneId);
        assertThat(browser.find("#agents-live").getText()).contains("has no VM provider").contains("No agent matches");
        browser.driver().executeScript("window.skyholdLoadedOnce = 'still this page';");
        String agentsTab = browser.driver().getWindowHandle();

        // the operator adds the provider in a second tab and keeps watching the first
        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.open(zonePath);
        new Select(browser.find("#add-kind")).selectByValue("simulated");
        browser.find("#add-provider button").click();
        browser.type("#name", "sim-east");
        browser.type("#max_instances", "5");
        browser.type("#sim_cores", "4");
        browser.type("#sim_memory_mb", "8192");
        browser.type("#sim_boot_seconds", "1");
        submitSettings();
        assertThat(browser.text()).contains("Created.");
        seen();
        browser.driver().close();
        browser.driver().switchTo().window(agentsTab);

        // 8 standby cores of 4-core VMs: two agents, each running with its name under the zone's domain
        browser.waitUntil("two running agents with DNS names", 90, d -> agents.runningWithDns(DOMAIN).size() == 2 ? true : null);
        assertThat(browser.driver().executeScript("return window.skyholdLoadedOnce;"))
                .as("the rows arrived by the page's own refresh, not by a reload").isEqualTo("still this page");
        browser.retryingStale(() -> {
            for (WebElement row : agents.rows()) {
                assertThat(row.findElement(By.cssSelector(".c-provider")).getText()).contains("sim-east");
                assertThat(row.findElement(By.cssSelector(".c-capacity")).getText()).contains("4");
            }
        });
        assertThat(browser.retryingStale(() -> browser.find("#agents-live").getText()))
                .doesNotContain("has no VM provider");
        seen();
    }

    @Test
    @Order(7)
    void drainingAnAgentAsksFirstAndThenDrainsIt() {
        String agentId = agents.runningWithDns(DOMAIN).get(0);
        String drain = "#agent-" + agentId + " form.drain button";

        browser.retryingStale(() -> browser.find(drain).click());
        Alert question = browser.waitUntil("the confirmation", 5, d -> ExpectedConditions.alertIsPresent().apply(d));
        assertThat(question.getText()).contains(agentId);
        question.dismiss();
        assertThat(agents.stateOf(agentId)).as("a dismissed question sends nothing").isEqualTo("running");

        browser.retryingStale(() -> browser.find(drain).click());
        browser.waitUntil("the confirmation", 5, d -> ExpectedConditions.alertIsPresent().apply(d)).accept();
        browser.waitUntil("the drained notice", 10, d -> browser.text().contains("drain") ? true : null);
        assertThat(browser.path()).startsWith("/agents");
        browser.waitUntil("agent " + agentId + " draining", 20,
                d -> !"running".equals(agents.stateOf(agentId)) ? true : null);
        // an idle drained agent is destroyed within a pass or two, and then leaves the list
        assertThat(agents.stateOf(agentId)).isIn("draining", "destroying", "destroyed", "gone from the list");
        drained = agentId;
        seen();

        // a draining agent is no longer free capacity: the engine replaces it, and the page shows that too
        browser.waitUntil("a replacement running agent", 60,
                d -> agents.runningWithDns(DOMAIN).stream().filter(id -> !id.equals(agentId)).count() == 2 ? true : null);
        browser.screenshot("agents");
    }

    @Test
    @Order(8)
    void theEventsPageExplainsTheScaleUpAndTheDrain() {
        browser.open("/events");
        new Select(browser.find("#filter-zone")).selectByVisibleText("browser-zone");
        browser.find("#event-filters button[type=submit]").click();
        browser.waitUntil("the zone's events", 10, d -> browser.path().contains("zone_id=") ? true : null);
        browser.screenshot("events");
        String log = browser.find("#event-log").getText();
        assertThat(log).contains("admin drained agent " + drained);
        assertThat(log).containsPattern("created agent \\w+ on sim-east \\(instance sim-\\w+\\) because free cores");
        assertThat(log).contains("registered").contains("." + DOMAIN);
        seen();

        new Select(browser.find("#filter-kind")).selectByValue("agent.draining");
        browser.find("#event-filters button[type=submit]").click();
        browser.waitUntil("only drain events", 10, d -> browser.path().contains("kind=agent.draining") ? true : null);
        assertThat(browser.driver().findElements(By.cssSelector("#event-log tbody tr"))).hasSize(1);
        browser.find("#event-log tbody tr a[href='/agents/" + drained + "']").click();
        assertThat(browser.find("h1").getText()).contains(drained);
        assertThat(browser.text()).contains("drained agent " + drained);
        browser.screenshot("agent-detail");
        seen();
    }

    @Test
    @Order(9)
    void theZoneDashboardShowsCapacityAgentsProvidersAndThePlan() {
        browser.open(zonePath);
        browser.waitUntil("the standby target met", 30,
                d -> browser.find("#capacity [data-dimension=cores]").getText().contains("8 target") ? true : null);
        String capacity = browser.find("#capacity [data-dimension=cores]").getText();
        assertThat(capacity).containsPattern("(8|12) free of 8 target");
        assertThat(browser.find("#primary").getText()).contains("Primary manager");
        assertThat(browser.find("#agent-states").getText()).contains("running");
        assertThat(browser.find("#vm-provider-status").getText()).contains("sim-east");
        assertThat(browser.find("#plan").getText()).contains("What the engine would do now");
        assertThat(browser.driver().findElements(By.cssSelector("#capacity-history svg, #capacity-history .empty")))
                .isNotEmpty();
        browser.screenshot("dashboard", "#dashboard");
        seen();

        browser.open("/");
        assertThat(browser.text()).contains("browser-zone");
        browser.screenshot("home");
        seen();
    }

    private void submitSettings() {
        String before = browser.driver().getCurrentUrl();
        var button = browser.find("form#settings button[type=submit]");
        button.click();
        browser.waitUntil("the form's answer", 10, d -> !isAttached(button) || !d.getCurrentUrl().equals(before));
    }

    private static boolean isAttached(org.openqa.selenium.WebElement e) {
        try {
            e.isEnabled();
            return true;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return false;
        }
    }

    private void tick(String css) {
        if (!browser.find(css).isSelected()) {
            browser.find(css).click();
        }
    }

    /** Keeps what the browser shows now, for the secrets check at the end. */
    private void seen() {
        pagesSeen.add(browser.path() + "\n" + browser.driver().getPageSource());
    }

    @Test
    @Order(99)
    void noPageTheBrowserShowedCarriesASecret() {
        assertThat(pagesSeen).isNotEmpty();
        String keyBody = nginxKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (String page : pagesSeen) {
            assertThat(page).as(page.lines().findFirst().orElse(""))
                    .doesNotContain(keyBody).doesNotContain(TestApp.ADMIN_PASSWORD);
        }
        assertThat(Map.of("pages", pagesSeen.size())).isNotEmpty();
    }
}
