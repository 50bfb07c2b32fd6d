package org.skyhold.domain.engine;

import java.time.Duration;
import java.util.Map;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.planner.Plan;

/** What the engine reports for monitoring. Implementations must be cheap and never throw. */
public interface EngineMetrics {
    /** A zone's pass took {@code took}; {@code plan} is its last plan and {@code agents} its agents by state. */
    void zonePass(long zoneId, String zoneName, Duration took, Plan plan, Map<AgentState, Long> agents);

    /** An agent checked in {@code took} after its row was written. */
    void provisioned(long zoneId, Duration took);

    /** A provider call failed with this class of error. */
    void providerError(String providerName, ProviderErrorClass errorClass);

    EngineMetrics NONE = new EngineMetrics() {
        @Override
        public void zonePass(long zoneId, String zoneName, Duration took, Plan plan, Map<AgentState, Long> agents) {
        }

        @Override
        public void provisioned(long zoneId, Duration took) {
        }

        @Override
        public void providerError(String providerName, ProviderErrorClass errorClass) {
        }
    };
}
