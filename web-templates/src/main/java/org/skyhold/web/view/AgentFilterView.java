package org.skyhold.web.view;

import java.util.List;

/**
 * The agents list's filter form: the chosen values as they stand in the URL ("" for any) and the choices of
 * each select. {@code providerId} is a provider's id, "static", or "".
 */
public record AgentFilterView(String zoneId, String providerId, String state, boolean showDestroyed,
                              List<Option> zones, List<Option> providers, List<Option> states) {
}
