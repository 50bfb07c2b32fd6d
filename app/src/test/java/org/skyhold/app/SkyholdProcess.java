package org.skyhold.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Skyhold's {@code main} in a process of its own, on the test class path, so that a test can kill it with
 * {@code kill -9} semantics (no shutdown hook, no finally block) and start another on the same data directory or
 * database. Its output is kept and can be read while it runs.
 */
public final class SkyholdProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Skyhold ready on (https?)://([^:\\s]+):(\\d+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<URI> ready = new CompletableFuture<>();

    private SkyholdProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "skyhold-process-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@link Main} with exactly {@code env} added to this JVM's environment and waits until it logs that
     * it is ready. Fails (and kills the process) if it exits first or is not ready within {@code timeout}.
     */
    public static SkyholdProcess start(Map<String, String> env, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        SkyholdProcess started;
        try {
            started = new SkyholdProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            started.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return started;
        } catch (Exception e) {
            started.kill();
            throw new IllegalStateException("Skyhold did not start; its output:\n" + started.output(), e);
        }
    }

    /** Starts with a two-minute limit on start-up. */
    public static SkyholdProcess start(Map<String, String> env) {
        return start(env, Duration.ofMinutes(2));
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    String host = m.group(2).equals("0.0.0.0") ? "127.0.0.1" : m.group(2);
                    ready.complete(URI.create(m.group(1) + "://" + host + ":" + m.group(3)));
                }
            }
        } catch (IOException e) {
            // the process was killed while we read: its output ends here
        } finally {
            ready.completeExceptionally(new IllegalStateException("exited before it was ready"));
        }
    }

    /** The base URL it listens on, such as {@code http://127.0.0.1:41234}. */
    public URI url() {
        return ready.join();
    }

    /** The URL of {@code path} on it. */
    public URI url(String path) {
        return url().resolve(path);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every line it has written so far, joined. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Whether a line written so far contains {@code text}. */
    public boolean said(String text) {
        synchronized (output) {
            return output.stream().anyMatch(l -> l.contains(text));
        }
    }

    /**
     * Waits up to {@code timeout} for it to exit on its own (a failpoint that exits, say) and answers its exit
     * code, or -1 if it is still running.
     */
    public int awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL, as {@code kill -9}: nothing of it runs after this, and its embedded PostgreSQL keeps running. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
