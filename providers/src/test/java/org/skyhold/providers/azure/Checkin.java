package org.skyhold.providers.azure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What cloud-init does with custom data whose check-in is one {@code curl ... -X POST} line: it sends it. Kept in
 * this package on purpose (small, and the other fakes' copies may move to a shared helper).
 */
final class Checkin {
    private Checkin() {
    }

    static int run(String script, String vm) {
        String line = script.lines().filter(l -> l.trim().startsWith("curl") && l.contains("POST")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no curl POST in the custom data of " + vm));
        Matcher url = Pattern.compile("(https?://\\S+)\\s*$").matcher(line);
        if (!url.find()) {
            throw new IllegalStateException("no URL at the end of: " + line);
        }
        Matcher body = Pattern.compile("-d '([^']*)'").matcher(line);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.group(1))).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body.find() ? body.group(1) : ""));
        Matcher header = Pattern.compile("-H '([^:']+):\\s*([^']*)'").matcher(line);
        while (header.find()) {
            request.header(header.group(1), header.group(2));
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
