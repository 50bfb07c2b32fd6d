package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.app.settings.ZoneService;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.WireEnum;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.SessionRepository;
import org.skyhold.domain.port.VmProviderConfigRepository;
import org.skyhold.web.view.AgentFilterView;
import org.skyhold.web.view.AgentRow;
import org.skyhold.web.view.Option;

/**
 * Gathers the agents list: the filters of the URL, the matching agents newest first, and what to say when there
 * are none. Reads zones, their providers and the open-session counts once per page, whatever the number of agents.
 */
final class AgentListModel {
    /**
     * More rows than anyone reads in a table that changes every three seconds; past it the page says more match.
     * Measured at 1,000 rows: 1.9 MB and ~100 ms of JVM time per refresh per open tab (docs/benchmarks.md §6).
     */
    static final int MAX_ROWS = 200;

    private final AgentRepository agents;
    private final SessionRepository sessions;
    private final VmProviderConfigRepository providers;
    private final ZoneService zones;
    private final Clock clock;
    private final KindLabels kinds;

    AgentListModel(AgentRepository agents, SessionRepository sessions, VmProviderConfigRepository providers,
                   ZoneService zones, KindLabels kinds, Clock clock) {
        this.kinds = kinds;
        this.agents = agents;
        this.sessions = sessions;
        this.providers = providers;
        this.zones = zones;
        this.clock = clock;
    }

    /** The filters as given in the URL; blank means any. {@code providerId} is "", "static" or a number. */
    private record Filter(Long zoneId, String providerId, AgentState state, boolean showDestroyed) {
        static Filter of(Context ctx) {
            String state = blankToEmpty(ctx.queryParam("state"));
            AgentState parsed = null;
            if (!state.isEmpty()) {
                try {
                    parsed = WireEnum.fromWire(AgentState.class, state);
                } catch (IllegalArgumentException e) {
                    throw ValidationException.of("state", e.getMessage());
                }
            }
            String zone = blankToEmpty(ctx.queryParam("zone_id"));
            String provider = blankToEmpty(ctx.queryParam("provider_id"));
            Long zoneId = zone.isEmpty() ? null : id("zone_id", zone);
            if (!provider.isEmpty() && !provider.equals("static")) {
                id("provider_id", provider);
            }
            String destroyed = ctx.queryParam("show_destroyed");
            return new Filter(zoneId, provider, parsed, "on".equals(destroyed) || "true".equals(destroyed));
        }

        /** A number that fits an id; anything else (letters, or digits past a long) is the same clear 400. */
        private static long id(String field, String value) {
            try {
                if (value.matches("\\d+")) {
                    return Long.parseLong(value);
                }
            } catch (NumberFormatException tooLong) {
                // falls through to the refusal
            }
            throw ValidationException.of(field, "must be an id from the filter's choices");
        }

        /** An asked-for state wins over the hiding of destroyed agents: "state=destroyed" shows them. */
        Set<AgentState> states() {
            if (state != null) {
                return EnumSet.of(state);
            }
            return showDestroyed ? Set.of() : EnumSet.complementOf(EnumSet.of(AgentState.DESTROYED));
        }

        AgentRepository.ProviderFilter provider() {
            return providerId.isEmpty() ? AgentRepository.ProviderFilter.ANY : providerId.equals("static")
                    ? AgentRepository.ProviderFilter.NONE : AgentRepository.ProviderFilter.ONE;
        }

        Long providerConfigId() {
            return provider() == AgentRepository.ProviderFilter.ONE ? Long.valueOf(providerId) : null;
        }

        boolean any() {
            return zoneId != null || !providerId.isEmpty() || state != null;
        }
    }

    Map<String, Object> list(Context ctx) {
        Filter filter = Filter.of(ctx);
        List<Zone> all = zones.list();
        Map<Long, String> zoneNames = new LinkedHashMap<>();
        Map<Long, Zone> zonesById = new HashMap<>();
        Map<Long, VmProviderConfig> byId = new HashMap<>();
        List<Option> providerChoices = new ArrayList<>(List.of(new Option("", "any"), new Option("static", "static")));
        List<Option> withoutProvider = new ArrayList<>();
        for (Zone z : all) {
            zoneNames.put(z.id(), z.name());
            zonesById.put(z.id(), z);
            List<VmProviderConfig> ps = providers.listByZone(z.id());
            if (ps.isEmpty()) {
                withoutProvider.add(new Option(Long.toString(z.id()), z.name()));
            }
            for (VmProviderConfig p : ps) {
                byId.put(p.id(), p);
                providerChoices.add(new Option(Long.toString(p.id()), p.name() + " (" + z.name() + ")"));
            }
        }
        // one more than shown, to know whether to say that more match
        List<Agent> found = agents.listNewest(filter.zoneId(), filter.provider(), filter.providerConfigId(),
                filter.states(), MAX_ROWS + 1);
        List<Agent> shown = found.subList(0, Math.min(found.size(), MAX_ROWS));
        AgentRows words = new AgentRows(zonesById, byId,
                sessions.countOpenByAgent(shown.stream().map(Agent::id).toList()), clock.instant(), kinds);
        List<AgentRow> rows = shown.stream().map(words::row).toList();

        Map<String, Object> model = new HashMap<>();
        model.put("page", AgentNotice.context(ctx, "Agents", agents, sessions));
        model.put("filter", filterView(filter, zoneNames, providerChoices));
        model.put("rows", rows);
        model.put("truncated", found.size() > MAX_ROWS ? "Showing the newest " + MAX_ROWS + " matching agents; more "
                + "match. Narrow the filters (zone, provider, state) to see the others." : null);
        model.put("empty", rows.isEmpty() ? empty(all, filter) : null);
        model.put("withoutProvider", filter.zoneId() == null ? withoutProvider : withoutProvider.stream()
                .filter(o -> o.value().equals(filter.zoneId().toString())).toList());
        model.put("back", AgentNotice.here(ctx));
        return model;
    }

    /** Which empty state the page shows: the next thing to do, not a blank table. */
    private static String empty(List<Zone> all, Filter filter) {
        if (all.isEmpty()) {
            return "no-zones";
        }
        return filter.any() ? "no-match" : "no-agents";
    }

    private static AgentFilterView filterView(Filter f, Map<Long, String> zoneNames, List<Option> providerChoices) {
        List<Option> zoneChoices = new ArrayList<>(List.of(new Option("", "any")));
        zoneNames.forEach((id, name) -> zoneChoices.add(new Option(Long.toString(id), name)));
        List<Option> states = new ArrayList<>(List.of(new Option("", "any")));
        Arrays.stream(AgentState.values()).forEach(s -> states.add(new Option(s.wireName(), s.wireName())));
        return new AgentFilterView(f.zoneId() == null ? "" : f.zoneId().toString(), f.providerId(),
                f.state() == null ? "" : f.state().wireName(), f.showDestroyed(), zoneChoices, providerChoices, states);
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
