package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneLease;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.ZoneLeaseRepository;
import org.skyhold.domain.port.ZoneRepository;

/** The loop renews the leases it holds on a schedule of its own, not only when a pass runs. */
class ExecutorLoopLeaseTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration TTL = Duration.ofMillis(600);
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final Leases leases = new Leases();

    @Test
    void theLeaseIsRenewedBetweenPassesAndNoLongerOnceAnotherManagerHoldsIt() {
        Zone zone = new Zone(1, ZoneSettings.defaults("z"), T0, T0);
        ZoneRepository zones = (ZoneRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ZoneRepository.class}, (p, m, a) -> m.getName().equals("list") ? List.of(zone) : null);
        EnginePorts ports = new EnginePorts(zones, null, null, null, null, null, null, leases, null, null, null,
                "inst", () -> "http://x", EngineMetrics.NONE, null, null, null);
        // one pass at start (the tick is an hour); it has no reconciler, so it takes the lease and stops there
        try (Actuator actuator = new Actuator(clock, 2);
             ExecutorLoop loop = new ExecutorLoop(ports, null, actuator, "m1", clock, Duration.ofHours(1), TTL, 1)) {
            loop.start();
            await(() -> leases.find(1).isPresent());
            long epoch = leases.find(1).orElseThrow().epoch();

            now.set(T0.plusSeconds(10)); // no pass runs at this time
            await(() -> leases.find(1).orElseThrow().expiresAt().equals(T0.plusSeconds(10).plus(TTL)));
            assertThat(leases.find(1).orElseThrow().epoch()).isEqualTo(epoch);

            // the lease lapses and another manager takes it: m1 must not renew it back
            now.set(T0.plusSeconds(20));
            assertThat(leases.acquire(1, "m2", T0.plusSeconds(30), T0.plusSeconds(60))).isPresent();
            sleep(3 * TTL.toMillis());
            assertThat(leases.find(1).orElseThrow()).satisfies(l -> {
                assertThat(l.managerId()).isEqualTo("m2");
                assertThat(l.expiresAt()).isEqualTo(T0.plusSeconds(60));
            });
        }
    }

    /** The contract of {@link ZoneLeaseRepository}, in memory. */
    private static final class Leases implements ZoneLeaseRepository {
        private ZoneLease lease;

        @Override
        public synchronized Optional<ZoneLease> acquire(long zoneId, String managerId, Instant at, Instant expiresAt) {
            if (lease == null) {
                lease = new ZoneLease(zoneId, managerId, 1, at, expiresAt);
            } else if (lease.managerId().equals(managerId)) {
                lease = new ZoneLease(zoneId, managerId, lease.epoch(), lease.acquiredAt(), expiresAt);
            } else if (!at.isBefore(lease.expiresAt())) {
                lease = new ZoneLease(zoneId, managerId, lease.epoch() + 1, at, expiresAt);
            } else {
                return Optional.empty();
            }
            return Optional.of(lease);
        }

        @Override
        public synchronized Optional<ZoneLease> find(long zoneId) {
            return Optional.ofNullable(lease);
        }

        @Override
        public synchronized void release(long zoneId, String managerId) {
            if (lease != null && lease.managerId().equals(managerId)) {
                lease = new ZoneLease(zoneId, managerId, lease.epoch(), lease.acquiredAt(), Instant.MIN);
            }
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s").isLessThan(deadline);
            sleep(10);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
