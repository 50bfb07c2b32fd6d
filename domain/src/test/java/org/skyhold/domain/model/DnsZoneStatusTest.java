package org.skyhold.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.DnsZoneStatus.Part;
import org.skyhold.domain.model.DnsZoneStatus.Tone;

/**
 * The zone's DNS line keeps the registrations and the sweeper apart: the same events give the same line in whatever
 * order they were stored, and neither source's success hides the other's failure.
 */
class DnsZoneStatusTest {
    private static final Instant T = Instant.parse("2026-12-03T12:00:00Z");
    private static final String REGISTRATION_FAILED = "could not register ag0000000001.z.test (retrying with backoff"
            + " until it holds): authentication failed: TSIG key skyhold-key (BADSIG)";
    private static final String LISTING_FAILED = "the sweeper could not list the records under z.test: authentication"
            + " failed: TSIG key skyhold-key (BADSIG)";
    private long ids;

    @Test
    void aFailedRegistrationAndAFailedListingAtTheSameMomentGiveTheSameLineInEitherOrder() {
        List<Event> registrationFirst = List.of(event(T, "dns.error", REGISTRATION_FAILED),
                event(T, "sweeper.dns_error", LISTING_FAILED));
        List<Event> listingFirst = List.of(event(T, "sweeper.dns_error", LISTING_FAILED),
                event(T, "dns.error", REGISTRATION_FAILED));

        for (List<Event> stored : List.of(registrationFirst, listingFirst)) {
            DnsZoneStatus status = DnsZoneStatus.of(stored);
            assertThat(status.shown()).extracting(p -> p.event().reason(), Part::failing)
                    .as("the registration's error first, the sweeper's beside it")
                    .containsExactly(tuple(REGISTRATION_FAILED, true),
                            tuple(LISTING_FAILED, true));
            assertThat(status.tone()).isEqualTo(Tone.ERROR);
        }
    }

    @Test
    void theOrderOfStoringDoesNotMatterForAnySetOfEvents() {
        List<Event> events = new ArrayList<>(List.of(event(T, "dns.registered", "registered a -> 1"),
                event(T, "dns.error", REGISTRATION_FAILED), event(T.plusSeconds(1), "sweeper.dns_deleted", "deleted b"),
                event(T.plusSeconds(1), "sweeper.dns_error", LISTING_FAILED),
                event(T.plusSeconds(2), "dns.registered", "registered c -> 3")));
        List<String> expected = reasons(DnsZoneStatus.of(events));
        assertThat(expected).containsExactly("registered c -> 3", LISTING_FAILED);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(events, new Random(i));
            assertThat(reasons(DnsZoneStatus.of(events))).isEqualTo(expected);
        }
    }

    @Test
    void aRegistrationThatWorksDoesNotHideTheSweepersFailedListing() {
        DnsZoneStatus status = DnsZoneStatus.of(List.of(event(T, "sweeper.dns_error", LISTING_FAILED),
                event(T.plusSeconds(5), "dns.registered", "registered ag0000000001.z.test -> 203.0.113.5")));

        assertThat(reasons(status)).containsExactly("registered ag0000000001.z.test -> 203.0.113.5", LISTING_FAILED);
        assertThat(status.shown()).extracting(Part::failing).containsExactly(false, true);
        assertThat(status.tone()).as("names hold; orphaned records stay").isEqualTo(Tone.WARNING);
    }

    @Test
    void theSweepersDeletionOfAnOrphanDoesNotHideAFailingRegistration() {
        DnsZoneStatus status = DnsZoneStatus.of(List.of(event(T, "dns.error", REGISTRATION_FAILED),
                event(T.plusSeconds(60), "sweeper.dns_deleted", "deleted agorphan0001.z.test")));

        assertThat(reasons(status)).containsExactly(REGISTRATION_FAILED);
        assertThat(status.tone()).isEqualTo(Tone.ERROR);
    }

    @Test
    void eachSourceIsClearedOnlyByItsOwnLaterSuccess() {
        List<Event> events = new ArrayList<>(List.of(event(T, "dns.error", REGISTRATION_FAILED),
                event(T, "sweeper.dns_error", LISTING_FAILED)));
        events.add(event(T.plusSeconds(60), "sweeper.dns_listed", "the sweeper listed the 3 A records under z.test"));
        assertThat(reasons(DnsZoneStatus.of(events))).as("the listing works again").containsExactly(
                REGISTRATION_FAILED);
        assertThat(DnsZoneStatus.of(events).tone()).isEqualTo(Tone.ERROR);

        events.add(event(T.plusSeconds(65), "dns.registered", "registered ag0000000001.z.test -> 203.0.113.5"));
        assertThat(reasons(DnsZoneStatus.of(events))).containsExactly("registered ag0000000001.z.test -> 203.0.113.5");
        assertThat(DnsZoneStatus.of(events).tone()).isEqualTo(Tone.OK);
    }

    @Test
    void beforeAnyRegistrationTheSweepersNewestShowsAndWithNothingTheLineIsEmpty() {
        assertThat(DnsZoneStatus.of(List.of()).shown()).isEmpty();
        assertThat(DnsZoneStatus.of(List.of()).tone()).isEqualTo(Tone.OK);

        DnsZoneStatus swept = DnsZoneStatus.of(List.of(event(T, "sweeper.dns_deleted", "deleted agorphan0001.z.test"),
                event(T, "provider.error", "the sweeper could not list the VMs of p: timeout")));
        assertThat(swept.shown()).extracting(p -> p.event().reason(), Part::failing)
                .containsExactly(tuple("deleted agorphan0001.z.test", false));
        assertThat(swept.tone()).isEqualTo(Tone.OK);
    }

    private static List<String> reasons(DnsZoneStatus status) {
        return status.shown().stream().map(p -> p.event().reason()).toList();
    }

    private Event event(Instant at, String kind, String reason) {
        return new Event(++ids, at, 1L, null, kind, "system", reason, "{}");
    }
}
