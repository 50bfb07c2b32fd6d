package org.skyhold.app.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skyhold.domain.engine.Failpoints;

/**
 * The failpoints a test build arms: {@code SKYHOLD_FAILPOINTS=name=exit[,name2=exit@N]}, read only when
 * {@code SKYHOLD_ENABLE_FAILPOINTS=true}. Without that switch the list is ignored (and the start-up log says so):
 * the switch, not the list, is what makes a process crashable, so a list left in a production environment arms
 * nothing and stops nothing. With it, a name that is not one of {@link Failpoints#NAMES} or an action other than
 * {@code exit} refuses start-up, so a test never runs with a point it thinks is armed but is not.
 *
 * @param armed   each armed point and the hit it fires at (1 = the first); empty when none
 * @param ignored the list as set, when it was set without the switch (null otherwise)
 */
public record FailpointSettings(Map<String, Integer> armed, String ignored) {
    public static final String ENABLE = "SKYHOLD_ENABLE_FAILPOINTS";
    public static final String LIST = "SKYHOLD_FAILPOINTS";
    public static final FailpointSettings NONE = new FailpointSettings(Map.of(), null);
    private static final Pattern ENTRY = Pattern.compile("([a-z_.]+)=exit(?:@(\\d{1,9}))?");

    public FailpointSettings {
        armed = Map.copyOf(armed);
    }

    static FailpointSettings read(EnvReader r) {
        boolean enabled = r.bool(ENABLE, false);
        String list = r.string(LIST, null);
        if (list == null) {
            return NONE;
        }
        return enabled ? new FailpointSettings(parse(list), null) : new FailpointSettings(Map.of(), list);
    }

    /** The armed points of a {@code SKYHOLD_FAILPOINTS} value; refuses, naming the variable, what it cannot arm. */
    static Map<String, Integer> parse(String list) {
        Map<String, Integer> armed = new LinkedHashMap<>();
        for (String part : list.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new ConfigException(LIST, "\"" + entry + "\" must be name=exit or name=exit@N (N: the hit"
                        + " that fires, 1 or more)");
            }
            String name = m.group(1);
            if (!Failpoints.NAMES.contains(name)) {
                throw new ConfigException(LIST, "unknown failpoint \"" + name + "\"; known: "
                        + String.join(", ", Failpoints.NAMES));
            }
            int at = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            if (at < 1) {
                throw new ConfigException(LIST, "\"" + entry + "\" must fire at hit 1 or later");
            }
            if (armed.put(name, at) != null) {
                throw new ConfigException(LIST, "failpoint \"" + name + "\" is listed twice");
            }
        }
        return armed;
    }

    /** The armed points as the start-up log lists them: {@code name=exit@N, ...}. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        armed.forEach((name, at) -> out.append(out.isEmpty() ? "" : ", ").append(name).append("=exit@").append(at));
        return out.toString();
    }
}
