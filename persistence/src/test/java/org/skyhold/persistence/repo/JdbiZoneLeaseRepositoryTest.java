package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ZoneLease;
import org.skyhold.persistence.TestDatabase;

class JdbiZoneLeaseRepositoryTest {
    private static final Instant LATER = T0.plusSeconds(30);

    private final JdbiZoneLeaseRepository leases = new JdbiZoneLeaseRepository(Fixtures.jdbi());
    private long zoneId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
    }

    @Test
    void theFirstManagerTakesAFreeZoneAtEpochOne() {
        Optional<ZoneLease> lease = leases.acquire(zoneId, "m1", T0, LATER);

        assertThat(lease).contains(new ZoneLease(zoneId, "m1", 1, T0, LATER));
        assertThat(leases.find(zoneId)).isEqualTo(lease);
    }

    @Test
    void aZoneThatNeverHadALeaseHasNone() {
        assertThat(leases.find(zoneId)).isEmpty();
    }

    @Test
    void anotherManagerGetsNothingWhileTheLeaseIsLive() {
        leases.acquire(zoneId, "m1", T0, LATER);

        assertThat(leases.acquire(zoneId, "m2", T0.plusSeconds(10), T0.plusSeconds(40))).isEmpty();
        assertThat(leases.acquire(zoneId, "m2", LATER.minusMillis(1), LATER.plusSeconds(30))).isEmpty();
        assertThat(leases.find(zoneId)).contains(new ZoneLease(zoneId, "m1", 1, T0, LATER));
        assertThat(leases.acquire(zoneId, "m2", LATER, LATER.plusSeconds(30)))
                .as("at the moment the holder stops holding it (ZoneLease.heldBy), another may take it")
                .hasValueSatisfying(l -> assertThat(l.epoch()).isEqualTo(2));
    }

    @Test
    void theHolderRenewsKeepingItsEpochAndAcquisitionTime() {
        leases.acquire(zoneId, "m1", T0, LATER);

        Optional<ZoneLease> renewed = leases.acquire(zoneId, "m1", T0.plusSeconds(10), T0.plusSeconds(40));

        assertThat(renewed).contains(new ZoneLease(zoneId, "m1", 1, T0, T0.plusSeconds(40)));
    }

    @Test
    void anotherManagerTakesOverAfterExpiryWithTheNextEpoch() {
        leases.acquire(zoneId, "m1", T0, LATER);
        Instant afterExpiry = LATER.plusMillis(1);

        Optional<ZoneLease> taken = leases.acquire(zoneId, "m2", afterExpiry, afterExpiry.plusSeconds(30));

        assertThat(taken).contains(new ZoneLease(zoneId, "m2", 2, afterExpiry, afterExpiry.plusSeconds(30)));
        assertThat(leases.acquire(zoneId, "m1", afterExpiry.plusSeconds(1), afterExpiry.plusSeconds(31)))
                .as("the old holder lost it").isEmpty();
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceWithTheNextEpoch() {
        leases.acquire(zoneId, "m1", T0, LATER);

        leases.release(zoneId, "m1");

        assertThat(leases.find(zoneId).orElseThrow().heldBy("m1", T0)).isFalse();
        assertThat(leases.acquire(zoneId, "m2", T0.plusSeconds(1), LATER))
                .contains(new ZoneLease(zoneId, "m2", 2, T0.plusSeconds(1), LATER));
    }

    @Test
    void onlyTheHolderCanReleaseTheLease() {
        leases.acquire(zoneId, "m1", T0, LATER);

        leases.release(zoneId, "m2");
        leases.release(Fixtures.zone("other"), "m1");

        assertThat(leases.find(zoneId)).contains(new ZoneLease(zoneId, "m1", 1, T0, LATER));
        assertThat(leases.acquire(zoneId, "m2", T0.plusSeconds(1), LATER)).isEmpty();
    }

    @Test
    void leasesOfDifferentZonesAreIndependent() {
        long other = Fixtures.zone("other");

        assertThat(leases.acquire(zoneId, "m1", T0, LATER)).isPresent();
        assertThat(leases.acquire(other, "m2", T0, LATER)).isPresent();
    }

    @Test
    void exactlyOneOfEightRacingManagersWinsAFreeZoneAndAnExpiredOne() throws Exception {
        List<ZoneLease> first = race(T0, LATER);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).epoch()).isEqualTo(1);

        Instant afterExpiry = LATER.plusSeconds(1);
        List<ZoneLease> second = race(afterExpiry, afterExpiry.plusSeconds(30));
        assertThat(second).hasSize(1);
        boolean sameHolder = second.get(0).managerId().equals(first.get(0).managerId());
        assertThat(second.get(0).epoch()).isEqualTo(sameHolder ? 1 : 2);
        assertThat(leases.find(zoneId)).contains(second.get(0));
    }

    /** Eight managers ask for the zone at the same moment; returns the leases they were given. */
    private List<ZoneLease> race(Instant now, Instant expiresAt) throws Exception {
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Optional<ZoneLease>>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String manager = "manager-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return leases.acquire(zoneId, manager, now, expiresAt);
                }));
            }
            List<ZoneLease> won = new ArrayList<>();
            for (Future<Optional<ZoneLease>> r : results) {
                r.get().ifPresent(won::add);
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }
}
