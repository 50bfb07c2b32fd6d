package org.skyhold.app.pages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.skyhold.app.engine.Scenario;

/**
 * A page test on the real engine and the simulated cloud ({@link Scenario}), signed in through the login form
 * once per class. Subclasses read {@link #s} to make zones and agents and {@link #browser} to read pages.
 */
abstract class ScenarioPageTest {
    static Scenario s;
    static PageClient browser;

    @BeforeAll
    static void startScenarioAndSignIn() {
        s = Scenario.start();
        browser = PageClient.signIn(s.testApp());
    }

    @AfterAll
    static void stopScenario() {
        s.close();
    }
}
