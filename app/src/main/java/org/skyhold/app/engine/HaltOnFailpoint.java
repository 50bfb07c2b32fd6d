package org.skyhold.app.engine;

import java.io.PrintStream;
import org.skyhold.app.config.FailpointSettings;
import org.skyhold.domain.engine.ArmedFailpoints;
import org.skyhold.domain.engine.Failpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an armed failpoint does in the app: one line on stderr naming it, then {@link Runtime#halt} with 137, the
 * status of a {@code kill -9}: no shutdown hook, no finally block, no flush of anything else, the same as the
 * process being killed at that instant.
 */
public final class HaltOnFailpoint implements ArmedFailpoints.Crash {
    /** The exit status, as a shell reports a process killed by SIGKILL. */
    public static final int EXIT_STATUS = 137;
    private static final Logger LOG = LoggerFactory.getLogger(HaltOnFailpoint.class);

    private final PrintStream err;

    HaltOnFailpoint(PrintStream err) {
        this.err = err;
    }

    /**
     * The engine's failpoints for these settings: {@link Failpoints#NONE} unless some are armed. Logs a WARN line
     * listing the armed ones, or saying that {@code SKYHOLD_FAILPOINTS} was ignored for want of the switch.
     */
    public static Failpoints of(FailpointSettings settings) {
        if (settings.ignored() != null) {
            LOG.warn("{} is set but ignored, since {} is not true: no failpoint is armed", FailpointSettings.LIST,
                    FailpointSettings.ENABLE);
        }
        if (settings.armed().isEmpty()) {
            return Failpoints.NONE;
        }
        LOG.warn("Failpoints armed (for tests, never for production; each halts the process with status {}): {}",
                EXIT_STATUS, settings.describe());
        return new ArmedFailpoints(settings.armed(), new HaltOnFailpoint(System.err));
    }

    @Override
    public void fire(String name, int hit) {
        err.println("Skyhold failpoint " + name + " fired at hit " + hit + ": halting with status " + EXIT_STATUS);
        err.flush();
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}
