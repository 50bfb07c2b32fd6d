package org.skyhold.domain.testkit;

import org.skyhold.domain.model.LoadBalanceStrategy;
import org.skyhold.domain.model.ZoneSettings;

/**
 * Zone settings for tests, starting from a zone that scales (unlike {@link ZoneSettings#defaults}) with nothing on
 * standby, most-loaded placement, no DNS, no downscale backoff and the default liveness timeouts; each method
 * changes one thing.
 */
public final class ZoneSettingsBuilder {
    private String name;
    private boolean scalingEnabled = true;
    private boolean prioritizeStatic = true;
    private int standbyCores;
    private int standbyGpus;
    private long standbyMemoryMb;
    private int downscaleBackoff;
    private Integer coresOverride;
    private Integer gpusOverride;
    private Integer memoryOverrideGb;
    private Long dnsProviderId;
    private String baseDomain;
    private LoadBalanceStrategy strategy = LoadBalanceStrategy.MOST_LOADED;
    private int provisionTimeout = 900;
    private int missingAfter = 120;
    private int deadAfter = 600;

    private ZoneSettingsBuilder(String name) {
        this.name = name;
    }

    public static ZoneSettingsBuilder zone(String name) {
        return new ZoneSettingsBuilder(name);
    }

    public ZoneSettingsBuilder standby(int cores, int gpus, long memoryMb) {
        standbyCores = cores;
        standbyGpus = gpus;
        standbyMemoryMb = memoryMb;
        return this;
    }

    public ZoneSettingsBuilder scalingDisabled() {
        scalingEnabled = false;
        return this;
    }

    public ZoneSettingsBuilder staticFirst(boolean on) {
        prioritizeStatic = on;
        return this;
    }

    public ZoneSettingsBuilder downscaleBackoff(int seconds) {
        downscaleBackoff = seconds;
        return this;
    }

    /** The zone's agent size overrides (null leaves a dimension as the agent reports it). */
    public ZoneSettingsBuilder overrides(Integer cores, Integer gpus, Integer memoryGb) {
        coresOverride = cores;
        gpusOverride = gpus;
        memoryOverrideGb = memoryGb;
        return this;
    }

    /** Registers agents as {@code <id>.<baseDomain>} with this DNS provider. */
    public ZoneSettingsBuilder dns(long providerId, String domain) {
        dnsProviderId = providerId;
        baseDomain = domain;
        return this;
    }

    public ZoneSettingsBuilder leastLoaded() {
        strategy = LoadBalanceStrategy.LEAST_LOADED;
        return this;
    }

    public ZoneSettingsBuilder provisionTimeout(int seconds) {
        provisionTimeout = seconds;
        return this;
    }

    public ZoneSettingsBuilder liveness(int missingAfterSeconds, int deadAfterSeconds) {
        missingAfter = missingAfterSeconds;
        deadAfter = deadAfterSeconds;
        return this;
    }

    public ZoneSettings build() {
        return new ZoneSettings(name, scalingEnabled, prioritizeStatic, standbyCores, standbyGpus, standbyMemoryMb,
                downscaleBackoff, coresOverride, gpusOverride, memoryOverrideGb, dnsProviderId != null, dnsProviderId,
                baseDomain, null, null, strategy, null, provisionTimeout, missingAfter, deadAfter);
    }
}
