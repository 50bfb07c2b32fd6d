package org.skyhold.persistence.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PostgreSQL programs ({@code initdb}, {@code pg_ctl}) to completion, as an unprivileged user when one
 * is given (PostgreSQL will not run as root), and turns a failure into one line with the program's own words.
 */
final class PostgresProcess {
    private final Path binaries;
    private final int runAsUid;

    /** @param runAsUid the uid to drop to through {@code setpriv}, or -1 to run as ourselves */
    PostgresProcess(Path binaries, int runAsUid) {
        this.binaries = binaries;
        this.runAsUid = runAsUid;
    }

    /** Gives {@code path} (recursively) to the user the server runs as; a no-op when that is ourselves. */
    void handOver(Path path) throws IOException {
        if (runAsUid < 0) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(p, "unix:uid", runAsUid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", runAsUid, LinkOption.NOFOLLOW_LINKS);
            }
        }
        Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(
                Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }

    /**
     * Runs {@code bin/<program> args...} and waits for it.
     *
     * @throws IllegalStateException naming the program and quoting its last output lines when it fails
     */
    void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (runAsUid >= 0) {
            command.addAll(List.of("setpriv", "--reuid=" + runAsUid, "--regid=" + runAsUid, "--clear-groups", "--"));
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("LC_ALL", "C");
            pb.directory(binaries.toFile());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(program + " failed (exit " + p.exitValue() + "): " + tail(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + program + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(program + " interrupted", e);
        }
    }

    private static String tail(String output) {
        String[] lines = output.strip().split("\n");
        int from = Math.max(0, lines.length - 3);
        return String.join(" / ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
