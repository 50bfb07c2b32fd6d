package org.skyhold.app;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.skyhold.app.config.Config;
import org.skyhold.app.config.ConfigException;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts Skyhold from the environment; SIGTERM (or Ctrl-C) stops it cleanly. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Skyhold skyhold = start(System.getenv(), jvmStart, System.err);
        if (skyhold == null) {
            System.exit(2);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(skyhold::close, "skyhold-shutdown"));
    }

    /**
     * Starts Skyhold, or prints one line saying why it cannot start (naming the variable at fault) and returns
     * null. Separate from {@link #main} so the refusal can be tested without ending the JVM.
     */
    static Skyhold start(Map<String, String> env, long startedAtMillis, PrintStream err) {
        try {
            return Skyhold.start(Config.fromEnvironment(env), startedAtMillis);
        } catch (ConfigException | IllegalStateException e) {
            err.println("Skyhold cannot start: " + e.getMessage());
            return null;
        }
    }
}
