package org.skyhold.app.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The live table of the agents page as a test reads it; every read survives the table being swapped meanwhile. */
final class AgentsTable {
    private final Browser browser;

    AgentsTable(Browser browser) {
        this.browser = browser;
    }

    List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector("#agents-live table.agents tbody tr"));
    }

    /** Ids of the rows shown running with a DNS name under {@code domain}. */
    List<String> runningWithDns(String domain) {
        return browser.retryingStale(() -> rows().stream()
                .filter(r -> r.findElement(By.cssSelector(".c-state .state")).getText().equals("running"))
                .filter(r -> r.findElement(By.cssSelector(".c-dns")).getText().endsWith("." + domain))
                .map(r -> r.findElement(By.cssSelector(".c-id")).getText()).toList());
    }

    /** The state word of the agent's row, or "gone from the list". */
    String stateOf(String agentId) {
        return browser.retryingStale(() -> {
            List<WebElement> row = browser.driver().findElements(By.cssSelector("#agent-" + agentId));
            return row.isEmpty() ? "gone from the list"
                    : row.get(0).findElement(By.cssSelector(".c-state .state")).getText();
        });
    }
}
