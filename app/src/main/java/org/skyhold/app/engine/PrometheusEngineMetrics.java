package org.skyhold.app.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.skyhold.domain.engine.EngineMetrics;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.planner.Plan;
import org.skyhold.domain.provider.ProviderCallMetrics;

/**
 * The engine's metrics in Prometheus form: agents by zone and state, free and target per dimension per zone,
 * provision latency, provider errors by class, loop duration, every provider call's latency by provider, kind,
 * call and outcome ({@code skyhold_provider_call_seconds}), and the JVM's own.
 */
public final class PrometheusEngineMetrics implements EngineMetrics, ProviderCallMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    public PrometheusEngineMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** The text exposition format of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void zonePass(long zoneId, String zoneName, Duration took, Plan plan, Map<AgentState, Long> agents) {
        String zone = Long.toString(zoneId);
        Timer.builder("skyhold.loop.duration").description("Time of one pass of a zone's loop")
                .tag("zone", zone).register(registry).record(took);
        for (AgentState s : AgentState.values()) {
            gauge("skyhold.agents", "Agents by zone and state", zone, "state", s.wireName())
                    .set(agents.getOrDefault(s, 0L));
        }
        set("skyhold.zone.free", "Free capacity of the zone", zone, plan.free().cores(), plan.free().gpus(),
                plan.free().memoryMb());
        set("skyhold.zone.target", "Target free capacity (standby + staging)", zone, plan.target().cores(),
                plan.target().gpus(), plan.target().memoryMb());
    }

    @Override
    public void provisioned(long zoneId, Duration took) {
        Timer.builder("skyhold.provision.duration").description("From an agent's row to its check-in")
                .tag("zone", Long.toString(zoneId)).register(registry).record(took);
    }

    @Override
    public void providerError(String providerName, ProviderErrorClass errorClass) {
        Counter.builder("skyhold.provider.errors").description("Failed provider calls by class")
                .tag("provider", providerName).tag("class", errorClass.wireName()).register(registry).increment();
    }

    @Override
    public void record(String provider, String kind, String call, String outcome, Duration took) {
        Timer.builder("skyhold.provider.call").description("Provider calls by provider, kind, call and outcome")
                .tag("provider", provider).tag("kind", kind).tag("call", call).tag("outcome", outcome)
                .register(registry).record(took);
    }

    private void set(String name, String help, String zone, long cores, long gpus, long memoryMb) {
        gauge(name, help, zone, "dimension", "cores").set(cores);
        gauge(name, help, zone, "dimension", "gpus").set(gpus);
        gauge(name, help, zone, "dimension", "memory_mb").set(memoryMb);
    }

    private AtomicLong gauge(String name, String help, String zone, String tag, String value) {
        return gauges.computeIfAbsent(name + "|" + zone + "|" + value, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, AtomicLong::get).description(help).tag("zone", zone).tag(tag, value)
                    .register(registry);
            return holder;
        });
    }
}
