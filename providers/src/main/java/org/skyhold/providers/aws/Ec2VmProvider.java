package org.skyhold.providers.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * The {@code aws} kind: agents are EC2 instances. Every call goes to EC2 once (the SDK's retries are off, see
 * {@link AwsClients}); failures are classified by {@link AwsErrors}.
 *
 * <p>EC2 is eventually consistent: an instance RunInstances just made can be unknown to DescribeInstances and
 * TerminateInstances for a little while. Such an instance is reported as still being created (and a delete of it
 * fails, to be retried) until it has been seen once or {@link #PROPAGATION} has passed, so the engine neither
 * gives up on a booting agent nor leaks a VM it meant to delete.
 */
public final class Ec2VmProvider implements VmProvider, AutoCloseable {
    static final Duration PROPAGATION = Duration.ofMinutes(5);
    /** The states {@link #listTagged} asks for: all but terminated. */
    private static final List<String> LIVE_STATES = List.of("pending", "running", "shutting-down", "stopping",
            "stopped");

    private final Ec2Client ec2;
    private final Ec2Settings settings;
    private final Ec2Resources resources;
    private final Clock clock;
    private final Map<String, Instant> unseen = new ConcurrentHashMap<>();

    /** @throws ProviderException ({@code BAD_CONFIG}) naming the field when the settings cannot be read */
    public Ec2VmProvider(AwsClients clients, KindSettings settings) {
        this(clients, readable(settings));
    }

    private Ec2VmProvider(AwsClients clients, Ec2Settings settings) {
        this(clients.ec2(settings.access()), settings, Clock.systemUTC());
    }

    private static Ec2Settings readable(KindSettings settings) {
        try {
            return Ec2Settings.read(settings);
        } catch (InvalidFieldException e) {
            throw e.badConfig();
        }
    }

    Ec2VmProvider(Ec2Client ec2, Ec2Settings settings, Clock clock) {
        this.ec2 = ec2;
        this.settings = settings;
        this.resources = new Ec2Resources(ec2, settings);
        this.clock = clock;
    }

    @Override
    public VmInstance create(VmSpec spec) {
        String rootDevice = settings.overridesRootVolume() ? resources.rootDeviceName() : null;
        RunInstancesResponse answer;
        try {
            answer = ec2.runInstances(Ec2Requests.runInstances(settings, spec, rootDevice));
        } catch (SdkException e) {
            throw AwsErrors.of(e, "EC2");
        }
        if (answer.instances().isEmpty()) {
            throw new ProviderException(ProviderErrorClass.OTHER, "EC2 answered RunInstances without an instance");
        }
        Instance made = answer.instances().get(0);
        Instant now = clock.instant();
        unseen.values().removeIf(since -> !now.isBefore(since.plus(PROPAGATION))); // never looked at again
        unseen.putIfAbsent(made.instanceId(), now);
        resources.learnCapacity();
        return Ec2Instances.view(made);
    }

    @Override
    public void delete(String instanceId) {
        try {
            ec2.terminateInstances(r -> r.instanceIds(instanceId));
        } catch (AwsServiceException e) {
            if (!isNotFound(e)) {
                throw AwsErrors.of(e, "EC2");
            }
            if (stillPropagating(instanceId)) {
                throw new ProviderException(ProviderErrorClass.OTHER, "EC2 does not know instance " + instanceId
                        + " yet (it was created moments ago); will try again", null, e);
            }
            // gone already, or never existed: either way there is nothing to delete
        } catch (SdkException e) {
            throw AwsErrors.of(e, "EC2");
        }
    }

    @Override
    public Optional<VmInstance> describe(String instanceId) {
        List<Instance> found;
        try {
            found = instances(ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations());
        } catch (AwsServiceException e) {
            if (!isNotFound(e)) {
                throw AwsErrors.of(e, "EC2");
            }
            found = List.of();
        } catch (SdkException e) {
            throw AwsErrors.of(e, "EC2");
        }
        Optional<Instance> mine = found.stream().filter(i -> instanceId.equals(i.instanceId())).findFirst();
        if (mine.isPresent()) {
            unseen.remove(instanceId);
            return Optional.of(Ec2Instances.view(mine.get()));
        }
        return stillPropagating(instanceId)
                ? Optional.of(new VmInstance(instanceId, VmState.CREATING, null, null, Map.of()))
                : Optional.empty();
    }

    @Override
    public List<VmInstance> listTagged(String installationId) {
        DescribeInstancesRequest request = DescribeInstancesRequest.builder()
                .filters(Filter.builder().name("tag:" + VmSpec.TAG_INSTALLATION).values(installationId).build(),
                        Filter.builder().name("instance-state-name").values(LIVE_STATES).build())
                .maxResults(500).build();
        List<VmInstance> out = new ArrayList<>();
        try {
            ec2.describeInstancesPaginator(request).reservations().forEach(r -> r.instances().forEach(i -> {
                VmInstance v = Ec2Instances.view(i);
                if (v.state() != VmState.GONE) {
                    unseen.remove(i.instanceId());
                    out.add(v);
                }
            }));
        } catch (SdkException e) {
            throw AwsErrors.of(e, "EC2");
        }
        return out;
    }

    /** DescribeInstanceTypes of the configured instance type: its default vCPUs, GPUs and memory. */
    @Override
    public Capacity lookupCapacity() {
        return resources.lookupCapacity();
    }

    @Override
    public Optional<Capacity> expectedCapacity() {
        return resources.knownCapacity();
    }

    @Override
    public String testConnection() {
        return resources.check();
    }

    @Override
    public void close() {
        ec2.close();
    }

    private boolean stillPropagating(String instanceId) {
        Instant since = unseen.get(instanceId);
        if (since == null) {
            return false;
        }
        if (clock.instant().isBefore(since.plus(PROPAGATION))) {
            return true;
        }
        unseen.remove(instanceId);
        return false;
    }

    private static boolean isNotFound(AwsServiceException e) {
        String code = AwsErrors.code(e);
        return "InvalidInstanceID.NotFound".equals(code) || "InvalidInstanceID.Malformed".equals(code);
    }

    private static List<Instance> instances(List<Reservation> reservations) {
        List<Instance> out = new ArrayList<>();
        reservations.forEach(r -> out.addAll(r.instances()));
        return out;
    }
}
