package org.skyhold.domain.engine;

import java.time.Duration;

/**
 * How long recovery waits before it treats something as a crash's leftover. The defaults suit production; the
 * crash test shortens them so a restart is checked in seconds, not minutes.
 *
 * @param pendingGrace how old a {@code pending} row with no create under way must be before it is resolved from
 *                     the cloud's tags (adopted, or failed)
 * @param sweepEvery   how often the sweeper lists a zone's tagged VMs and DNS records
 * @param sweepGrace   how long a VM or record must look orphaned before the sweeper removes it
 */
public record RecoveryTimes(Duration pendingGrace, Duration sweepEvery, Duration sweepGrace) {
    /** Two minutes for a pending row, a sweep a minute, ten minutes' grace. */
    public static final RecoveryTimes DEFAULT = new RecoveryTimes(Duration.ofSeconds(120), Duration.ofMinutes(1),
            Duration.ofMinutes(10));

    public RecoveryTimes {
        if (pendingGrace.isNegative() || sweepEvery.isNegative() || sweepGrace.isNegative()) {
            throw new IllegalArgumentException("recovery times cannot be negative");
        }
    }
}
