package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.ScheduleRepository;
import org.skyhold.domain.schedule.Overlaps;
import org.skyhold.domain.schedule.ScheduleWindow;
import org.skyhold.persistence.TestDatabase;

class JdbiScheduleRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    private final JdbiScheduleRepository windows = new JdbiScheduleRepository(Fixtures.jdbi());
    private long zoneId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
    }

    private ScheduleWindow window(String name, String start, String end, Map<Long, Integer> staged) {
        return new ScheduleWindow(0, zoneId, name, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.parse(start), LocalTime.parse(end), ZoneId.of("America/New_York"), new Capacity(32, 1, 4096),
                20, true, staged);
    }

    private static ScheduleRepository.Check noOverlap(ScheduleWindow w) {
        return others -> Overlaps.refusal(w, others, NOW).ifPresent(m -> {
            throw new IllegalArgumentException(m);
        });
    }

    @Test
    void aWindowRoundTripsEveryFieldWithItsStagedSessions() {
        long image = Fixtures.image("desk");
        ScheduleWindow w = window("office", "09:00", "00:00", Map.of(image, 5));
        ScheduleWindow saved = windows.create(w, others -> assertThat(others).isEmpty());
        assertThat(saved.id()).isPositive();
        assertThat(windows.find(saved.id())).contains(saved);
        assertThat(windows.listByZone(zoneId)).containsExactly(saved);

        ScheduleWindow changed = new ScheduleWindow(saved.id(), zoneId, "office", EnumSet.of(DayOfWeek.SUNDAY),
                LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("UTC"), Capacity.ZERO, 0, false, Map.of());
        assertThat(windows.update(changed, others -> assertThat(others).isEmpty())).contains(changed);
        assertThat(windows.find(saved.id())).contains(changed);
        assertThat(windows.delete(saved.id())).isTrue();
        assertThat(windows.find(saved.id())).isEmpty();
    }

    @Test
    void aRefusingCheckWritesNothingOnCreateOrUpdate() {
        long image = Fixtures.image("desk");
        ScheduleWindow saved = windows.create(window("office", "09:00", "18:00", Map.of(image, 5)), others -> { });
        assertThatThrownBy(() -> windows.create(window("evening", "17:00", "22:00", Map.of()),
                noOverlap(window("evening", "17:00", "22:00", Map.of())))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window \"evening\" overlaps window \"office\"");
        ScheduleWindow wider = new ScheduleWindow(saved.id(), zoneId, "office", saved.days(), LocalTime.of(8, 0),
                LocalTime.of(19, 0), saved.timeZone(), saved.standby(), 0, false, Map.of());
        assertThatThrownBy(() -> windows.update(wider, others -> {
            throw new IllegalArgumentException("refused");
        })).hasMessage("refused");
        assertThat(windows.listByZone(zoneId)).containsExactly(saved);
    }

    @Test
    void aNameIsTakenOncePerZone() {
        windows.create(window("office", "09:00", "12:00", Map.of()), others -> { });
        assertThatThrownBy(() -> windows.create(window("office", "13:00", "14:00", Map.of()), others -> { }))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> assertThat(e.field()).isEqualTo("name"));
        windows.create(new ScheduleWindow(0, Fixtures.zone("other"), "office", EnumSet.of(DayOfWeek.MONDAY),
                LocalTime.NOON, LocalTime.MIDNIGHT, ZoneId.of("UTC"), Capacity.ZERO, 0, false, Map.of()), o -> { });
    }

    @Test
    void twoConcurrentSavesOfOverlappingWindowsCannotBothPassTheCheck() throws Exception {
        ScheduleWindow a = window("a", "09:00", "18:00", Map.of());
        ScheduleWindow b = window("b", "10:00", "11:00", Map.of());
        CountDownLatch aChecking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ScheduleWindow> first = pool.submit(() -> windows.create(a, others -> {
                noOverlap(a).against(others);
                aChecking.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(aChecking.await(10, TimeUnit.SECONDS)).isTrue();
            Future<ScheduleWindow> second = pool.submit(() -> windows.create(b, noOverlap(b)));
            Thread.sleep(300); // the second save is now waiting for the zone's lock
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).name()).isEqualTo("a");
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(
                    IllegalArgumentException.class).hasStackTraceContaining("overlaps window \"a\"");
        } finally {
            pool.shutdownNow();
        }
        assertThat(windows.listByZone(zoneId)).extracting(ScheduleWindow::name).isEqualTo(List.of("a"));
    }
}
