package org.skyhold.app.browser;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through chromedriver, both Debian's packages named explicitly (Selenium Manager
 * cannot download anything here). Where they are missing the test is skipped with how to install them; under CI
 * (the {@code CI} variable set) a missing browser fails instead, so the browser tests can never silently not run.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("skyhold.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("skyhold.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    /** Starts Chromium for pages under {@code baseUrl} (no trailing slash), or skips / fails as described above. */
    static Browser start(String baseUrl) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String how = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install them with `sudo apt-get install chromium chromium-driver`";
            if (System.getenv("CI") != null) {
                fail("CI is set, so the browser tests must run, but " + how);
            }
            Assumptions.abort(how);
        }
        try {
            Path profile = Files.createTempDirectory("skyhold-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--disable-sync", "--window-size=1680,1050", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile, baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts Chromium for the pages of a running test app. */
    static Browser start(org.skyhold.app.TestApp app) {
        return start(app.url("").toString().replaceAll("/$", ""));
    }

    /** Stops the browser, then the app; either is null when starting it failed or was skipped. */
    static void stop(Browser browser, org.skyhold.app.TestApp app) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Navigates to a path of the app (a full page load). */
    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Signs in as the admin through the login form and lands on {@code path}. */
    void signIn(String password, String path) {
        open("/login?next=" + path);
        type("input[name=password]", password);
        find("form[action='/login'] button[type=submit]").click();
        waitUntil("signed in at " + path, 10, d -> path().equals(path) ? true : null);
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /**
     * The first element matching {@code css}, waiting up to 10 s for it: after a click that navigates, WebDriver may
     * answer before the next page has loaded (OperatorJourneyBrowserTest once failed to find a form's field so).
     */
    WebElement find(String css) {
        return waitUntil("an element " + css + " on " + driver.getCurrentUrl(), 10, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Replaces a field's content with {@code text}, the way an operator would type it. */
    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** Waits up to {@code seconds} until {@code condition} answers non-null/true, and returns its answer. */
    <T> T waitUntil(String what, int seconds, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(200))
                .withMessage(what).until(condition);
    }

    /**
     * Runs {@code read} again when the live refresh replaced the elements it held between finding and using them
     * (the agents table is swapped every few seconds).
     */
    <T> T retryingStale(java.util.function.Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (WebDriverException e) {
                // Chrome reports a swapped node either as stale or as "does not belong to the document"
                boolean stale = e instanceof StaleElementReferenceException
                        || String.valueOf(e.getMessage()).contains("does not belong to the document");
                if (!stale || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    void retryingStale(Runnable action) {
        retryingStale(() -> {
            action.run();
            return null;
        });
    }

    /** Text of the whole rendered page (what an operator can read). */
    String text() {
        return find("body").getText();
    }

    /** Saves a PNG of the whole page as {@code target/screenshots/NAME.png} and returns its path. */
    Path screenshot(String name) {
        return shoot(name, () -> driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Saves a PNG of one part of the page (the element {@code css} selects). */
    Path screenshot(String name, String css) {
        return shoot(name, () -> find(css).getScreenshotAs(OutputType.BYTES));
    }

    private Path shoot(String name, java.util.function.Supplier<byte[]> png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            // the whole page, not just the first screen: grow the window to the document for the shot
            org.openqa.selenium.Dimension before = driver.manage().window().getSize();
            Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(),
                    Math.min(4000, Math.max(before.getHeight(), height.intValue() + 120))));
            try {
                Files.write(file, png.get());
            } finally {
                driver.manage().window().setSize(before);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless; the browser is already gone
        }
    }
}
