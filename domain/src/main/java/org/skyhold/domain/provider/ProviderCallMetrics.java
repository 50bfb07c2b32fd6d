package org.skyhold.domain.provider;

import java.time.Duration;

/** Where every guarded provider call reports its latency and outcome. Implementations are cheap and never throw. */
public interface ProviderCallMetrics {
    /** The call succeeded. */
    String OK = "ok";
    /** The call did not answer within the guard's timeout. */
    String TIMEOUT = "timeout";
    /** The provider threw something other than a {@link ProviderException}. */
    String UNEXPECTED = "unexpected";

    /**
     * One call finished.
     *
     * @param provider the provider config's name
     * @param kind     the provider kind's id ({@code aws}, {@code route53}, ...)
     * @param call     the method ({@code create}, {@code describe}, ...)
     * @param outcome  {@link #OK}, {@link #TIMEOUT}, {@link #UNEXPECTED}, or the error class's wire name
     * @param took     from the call to its answer (or to the timeout)
     */
    void record(String provider, String kind, String call, String outcome, Duration took);

    ProviderCallMetrics NONE = (provider, kind, call, outcome, took) -> { };
}
