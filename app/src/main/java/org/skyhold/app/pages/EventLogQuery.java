package org.skyhold.app.pages;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the events page was asked for, read from its URL ({@code ?zone_id=&agent_id=&kind=&before=}): blank means
 * "any". A value that is not a whole number where one is needed is kept as a sentence naming the field, so the page
 * can say what is wrong instead of failing.
 *
 * @param zoneText the zone filter as given, so the form can show it chosen
 */
record EventLogQuery(Long zoneId, String zoneText, String agentId, String kind, Long before, List<String> errors) {
    EventLogQuery {
        errors = List.copyOf(errors);
    }

    static EventLogQuery from(Context ctx) {
        List<String> errors = new ArrayList<>();
        String zoneText = text(ctx, "zone_id");
        Long zoneId = number(zoneText, "zone_id", "the zone's number", errors);
        Long before = number(text(ctx, "before"), "before", "an event's number", errors);
        return new EventLogQuery(zoneId, zoneText, text(ctx, "agent_id"), text(ctx, "kind"), before, errors);
    }

    /** The filters' link to the page of events older than {@code beforeId}, or to the newest when it is null. */
    String href(Long beforeId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("zone_id", zoneText);
        params.put("agent_id", agentId);
        params.put("kind", kind);
        params.put("before", beforeId == null ? "" : Long.toString(beforeId));
        String query = params.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? "/events" : "/events?" + query;
    }

    /** The repository's filters: null for any. */
    String agentFilter() {
        return agentId.isEmpty() ? null : agentId;
    }

    String kindFilter() {
        return kind.isEmpty() ? null : kind;
    }

    private static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }

    private static Long number(String text, String field, String meaning, List<String> errors) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            errors.add("The filter " + field + " must be a whole number (" + meaning + "), not \"" + shown + "\".");
            return null;
        }
    }
}
