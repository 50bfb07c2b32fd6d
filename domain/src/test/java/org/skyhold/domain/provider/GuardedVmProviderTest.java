package org.skyhold.domain.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;

class GuardedVmProviderTest {
    private record Call(String provider, String kind, String call, String outcome, Duration took) {
    }

    private final List<Call> recorded = new CopyOnWriteArrayList<>();
    private final ProviderCalls calls = new ProviderCalls(Duration.ofMillis(300), 2,
            (p, k, c, o, t) -> recorded.add(new Call(p, k, c, o, t)));

    private volatile boolean stop;

    @AfterEach
    void close() {
        stop = true;
        calls.close();
    }

    @Test
    void anUnexpectedExceptionBecomesAnOtherErrorNamingTheProviderAndTheException() {
        VmProvider guarded = guard(() -> {
            throw new NullPointerException("region was null");
        });
        assertThatThrownBy(() -> guarded.create(spec())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.OTHER);
            assertThat(e.getMessage()).contains("unexpected error in provider east",
                    "java.lang.NullPointerException: region was null");
        });
        assertThat(recorded).singleElement().satisfies(c -> {
            assertThat(c).extracting(Call::provider, Call::kind, Call::call, Call::outcome)
                    .containsExactly("east", "aws", "create", "unexpected");
        });
    }

    @Test
    void aProvidersOwnErrorPassesThroughWithItsClass() {
        ProviderException quota = new ProviderException(ProviderErrorClass.QUOTA, "limit of 5 instances");
        VmProvider guarded = guard(() -> {
            throw quota;
        });
        assertThatThrownBy(() -> guarded.create(spec())).isSameAs(quota);
        assertThat(recorded).singleElement().extracting(Call::outcome).isEqualTo("quota");
    }

    @Test
    void aCallThatHangsEndsAtTheTimeoutAsAnOtherError() {
        VmProvider guarded = guard(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> guarded.create(spec())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.OTHER);
            assertThat(e.getMessage()).contains("timed out after 300 ms");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(recorded).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo("timeout");
            assertThat(c.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        });
    }

    @Test
    void hungCallsCannotTakeMoreThreadsThanTheGuardHas() {
        VmProvider hanging = guard(() -> {
            while (!stop) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    // ignored, as a stuck socket read ignores it
                }
            }
            return null;
        });
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> hanging.create(spec())).hasMessageContaining("timed out");
        }
        assertThatThrownBy(() -> hanging.create(spec())).isInstanceOfSatisfying(ProviderException.class, e ->
                assertThat(e.getMessage()).contains("too many calls to east are hung"));
        assertThat(calls.activeThreads()).isEqualTo(2);
    }

    @Test
    void aSuccessfulCallIsMeasuredAsOk() {
        VmInstance made = new VmInstance("i-1", VmState.CREATING, null, null, Map.of());
        assertThat(guard(() -> made).create(spec())).isSameAs(made);
        assertThat(recorded).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo("ok");
            assertThat(c.took()).isPositive();
        });
    }

    @Test
    void theDnsTwinContainsAnUnexpectedExceptionTheSameWay() {
        DnsProvider inner = new DnsProvider() {
            @Override
            public void upsertA(String name, String ip, int ttl) {
                throw new IllegalArgumentException("bad zone id");
            }

            @Override
            public void deleteA(String name) {
            }

            @Override
            public List<DnsRecord> listA(String baseDomain) {
                return List.of();
            }
        };
        DnsProvider guarded = new GuardedDnsProvider(inner, "r53", "route53", calls);
        assertThatThrownBy(() -> guarded.upsertA("ag1.example.com", "10.0.0.1", 60))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.OTHER);
                    assertThat(e.getMessage()).contains("unexpected error in provider r53",
                            "java.lang.IllegalArgumentException: bad zone id");
                });
        guarded.deleteA("ag1.example.com");
        assertThat(recorded).extracting(Call::call, Call::outcome)
                .containsExactly(tuple("upsert_a", "unexpected"),
                        tuple("delete_a", "ok"));
    }

    private VmProvider guard(Supplier<VmInstance> create) {
        VmProvider inner = new VmProvider() {
            @Override
            public VmInstance create(VmSpec spec) {
                return create.get();
            }

            @Override
            public void delete(String instanceId) {
            }

            @Override
            public Optional<VmInstance> describe(String instanceId) {
                return Optional.empty();
            }

            @Override
            public List<VmInstance> listTagged(String installationId) {
                return List.of();
            }

            @Override
            public Capacity lookupCapacity() {
                return new Capacity(4, 0, 8192);
            }

            @Override
            public String testConnection() {
                return "ok";
            }
        };
        return new GuardedVmProvider(inner, "east", "aws", calls);
    }

    private static VmSpec spec() {
        return new VmSpec("ag1", "skyhold-ag1", "", VmSpec.tags("inst", 1, "ag1"), "skyhold-ag1", "http://x", "t");
    }
}
