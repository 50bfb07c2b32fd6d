package org.skyhold.providers;

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
 * What cloud-init does with a startup script whose check-in is one {@code curl ... -X POST} line: it sends it. Shared
 * by the fake clouds whose VMs boot by running their startup script (OCI, Google Cloud, Azure).
 */
public final class CloudInit {
    private CloudInit() {
    }

    /** Sends the first {@code curl ... POST} line of {@code script} with its headers and body; the HTTP status. */
    public static int runCheckin(String script, String instance) {
        String line = script.lines().filter(l -> l.trim().startsWith("curl") && l.contains("POST")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no curl POST in the user data of " + instance));
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
