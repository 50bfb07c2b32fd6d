package org.skyhold.domain.provider;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.skyhold.domain.model.ProviderErrorClass;

/**
 * Runs provider calls with a timeout, turning every failure into a classified {@link ProviderException} and
 * reporting each call's latency and outcome. A call runs on a pool of at most {@code maxThreads} threads that
 * shrinks when idle; a call that times out is interrupted and abandoned, and when every thread is taken by a
 * hung call a new call fails at once instead of starting one more thread, so a cloud that stops answering cannot
 * take the process's threads with it.
 */
public final class ProviderCalls implements AutoCloseable {
    /** Well under the 15 s zone lease, so a hung call cannot outlive the lease it was made under. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Duration timeout;
    private final ProviderCallMetrics metrics;
    private final ThreadPoolExecutor pool;

    public ProviderCalls(Duration timeout, int maxThreads, ProviderCallMetrics metrics) {
        this.timeout = timeout;
        this.metrics = metrics;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "skyhold-provider-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code call} and returns its answer.
     *
     * @throws ProviderException the provider's own, or {@code OTHER} for a timeout or any unexpected exception
     */
    public <T> T run(String provider, String kind, String callName, Supplier<T> call) {
        long started = System.nanoTime();
        String outcome = ProviderCallMetrics.UNEXPECTED;
        try {
            Future<T> future;
            try {
                future = pool.submit(call::get);
            } catch (RejectedExecutionException e) {
                throw new ProviderException(ProviderErrorClass.OTHER, "too many calls to " + provider
                        + " are hung; " + callName + " not attempted", null, e);
            }
            try {
                T answer = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                outcome = ProviderCallMetrics.OK;
                return answer;
            } catch (TimeoutException e) {
                future.cancel(true);
                outcome = ProviderCallMetrics.TIMEOUT;
                throw new ProviderException(ProviderErrorClass.OTHER, callName + " on " + provider
                        + " timed out after " + timeout.toMillis() + " ms", null, e);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new ProviderException(ProviderErrorClass.OTHER, callName + " on " + provider
                        + " was interrupted", null, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ProviderException pe) {
                    outcome = pe.errorClass().wireName();
                    throw pe;
                }
                throw unexpected(provider, callName, cause);
            }
        } finally {
            metrics.record(provider, kind, callName, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** For calls that make no request (and so need no timeout): only the exception is contained. */
    public <T> T runLocal(String provider, String callName, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(provider, callName, e);
        }
    }

    private static ProviderException unexpected(String provider, String callName, Throwable cause) {
        return new ProviderException(ProviderErrorClass.OTHER, callName + ": unexpected error in provider "
                + provider + ": " + cause.getClass().getName() + ": " + cause.getMessage(), null, cause);
    }

    /** Threads busy with a call now (hung ones included). */
    public int activeThreads() {
        return pool.getActiveCount();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
