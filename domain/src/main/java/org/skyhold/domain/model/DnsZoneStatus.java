package org.skyhold.domain.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a zone's DNS provider stands, as its status line says it, from the zone's DNS events. Two parts of the engine
 * call the provider, at the same time and for different ends, and each can fail while the other works (a BIND key
 * may update names but not transfer the zone): the <em>registrations</em>, which write and delete the agents' own
 * names ({@link #AGENT_KINDS}), and the <em>sweeper</em>, which lists the base domain and deletes orphaned records
 * ({@link #SWEEPER_KINDS}). The newest event of the two together says nothing reliable about either (which of a
 * failed registration and a failed listing is recorded last is a race), so each keeps its own newest event as its
 * state, and the line shows the registrations' first: they are the names users reach agents by. The sweeper's is
 * shown beside it while it fails (and alone while no registration has happened yet, so its deletions still show).
 * The same events give the same line whatever order they were recorded in.
 *
 * @param registrations the newest of the zone's events of {@link #AGENT_KINDS}, if any
 * @param sweeper       the newest of the zone's events of {@link #SWEEPER_KINDS}, if any
 */
public record DnsZoneStatus(Optional<Event> registrations, Optional<Event> sweeper) {
    public static final String REGISTERED = "dns.registered";
    public static final String DELETED = "dns.deleted";
    /** A registration or an agent's record deletion failed. */
    public static final String ERROR = "dns.error";
    /** The sweeper's listing worked again (or for the first time on this manager) with no failed call. */
    public static final String SWEEPER_LISTED = "sweeper.dns_listed";
    public static final String SWEEPER_DELETED = "sweeper.dns_deleted";
    /** The sweeper could not list the base domain, or delete an orphaned record. */
    public static final String SWEEPER_ERROR = "sweeper.dns_error";
    public static final List<String> AGENT_KINDS = List.of(REGISTERED, DELETED, ERROR);
    public static final List<String> SWEEPER_KINDS = List.of(SWEEPER_LISTED, SWEEPER_DELETED, SWEEPER_ERROR);

    /** How the line is drawn: {@code OK}, {@code WARNING} (only the sweeper fails) or {@code ERROR}. */
    public enum Tone { OK, WARNING, ERROR }

    /** One clause of the line: an event, and whether it says its calls fail. */
    public record Part(Event event, boolean failing) {
    }

    /** The event log's order, oldest first: by {@code at}, then by id (the order they were stored in). */
    private static final Comparator<Event> OLDEST_FIRST = Comparator.comparing(Event::at).thenComparingLong(Event::id);

    /**
     * The status from the zone's DNS events: any events will do (typically the newest of each kind of
     * {@link #AGENT_KINDS} and {@link #SWEEPER_KINDS}); events of other kinds are ignored.
     */
    public static DnsZoneStatus of(Collection<Event> events) {
        return new DnsZoneStatus(newest(events, AGENT_KINDS), newest(events, SWEEPER_KINDS));
    }

    /**
     * The clauses of the line in order: the registrations' newest event, when there is one; then the sweeper's, when
     * it failed or no registration happened yet. Empty when neither has an event: no name registered yet.
     */
    public List<Part> shown() {
        List<Part> parts = new ArrayList<>(2);
        registrations.ifPresent(e -> parts.add(new Part(e, ERROR.equals(e.kind()))));
        sweeper.filter(e -> SWEEPER_ERROR.equals(e.kind()) || registrations.isEmpty())
                .ifPresent(e -> parts.add(new Part(e, SWEEPER_ERROR.equals(e.kind()))));
        return parts;
    }

    /**
     * {@code ERROR} while the registrations' newest event is a failure (agents' names do not hold);
     * {@code WARNING} while only the sweeper's is (names hold, but orphaned records stay); else {@code OK}.
     */
    public Tone tone() {
        if (registrations.filter(e -> ERROR.equals(e.kind())).isPresent()) {
            return Tone.ERROR;
        }
        return sweeper.filter(e -> SWEEPER_ERROR.equals(e.kind())).isPresent() ? Tone.WARNING : Tone.OK;
    }

    private static Optional<Event> newest(Collection<Event> events, List<String> kinds) {
        return events.stream().filter(e -> kinds.contains(e.kind())).max(OLDEST_FIRST);
    }
}
