package org.skyhold.providers.aws;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * What a provider's settings name in the account: the AMI (and its root device), the subnet, the security groups
 * and the instance type (and so the size of a new agent). Looked up on demand and remembered for the life of the
 * provider, which is rebuilt whenever its settings change.
 */
final class Ec2Resources {
    private final Ec2Client ec2;
    private final Ec2Settings settings;
    private volatile String rootDeviceName;
    private volatile Capacity capacity;

    Ec2Resources(Ec2Client ec2, Ec2Settings settings) {
        this.ec2 = ec2;
        this.settings = settings;
    }

    /** The AMI's root device name (e.g. /dev/xvda), which a root-volume mapping must name. */
    String rootDeviceName() {
        String known = rootDeviceName;
        if (known != null) {
            return known;
        }
        Image image = image();
        if (image.rootDeviceName() == null) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "AMI " + settings.amiId()
                    + " names no root device, so its root volume cannot be sized");
        }
        rootDeviceName = image.rootDeviceName();
        return rootDeviceName;
    }

    /** The size of one agent, once the instance type has been looked up. */
    Optional<Capacity> knownCapacity() {
        return Optional.ofNullable(capacity);
    }

    /** Looks the instance type's size up if it is not known yet; a failure only leaves it unknown. */
    void learnCapacity() {
        if (capacity == null) {
            try {
                capacity = instanceTypeSize();
            } catch (ProviderException e) {
                // optional: without it the engine adds one agent at a time until the first one checks in
            }
        }
    }

    /** Asks EC2 the instance type's size (DescribeInstanceTypes) and remembers it. */
    Capacity lookupCapacity() {
        Capacity size = instanceTypeSize();
        capacity = size;
        return size;
    }

    /**
     * Test connection: the credentials and permissions by a dry-run DescribeInstances, then that the AMI, subnet,
     * security groups and instance type exist in the region.
     */
    String check() {
        try {
            ec2.describeInstances(r -> r.dryRun(true));
        } catch (AwsServiceException e) {
            if (!"DryRunOperation".equals(AwsErrors.code(e))) {
                throw AwsErrors.of(e, "EC2");
            }
        } catch (SdkException e) {
            throw AwsErrors.of(e, "EC2");
        }
        StringBuilder ok = new StringBuilder("Connected to EC2 in " + settings.region()
                + ": the credentials may describe instances; AMI " + settings.amiId());
        Image image = image();
        if (image.rootDeviceName() != null) {
            rootDeviceName = image.rootDeviceName();
        }
        if (settings.subnetId() != null) {
            call(() -> ec2.describeSubnets(r -> r.subnetIds(settings.subnetId())).subnets().stream()
                    .filter(s -> settings.subnetId().equals(s.subnetId())).findFirst()
                    .orElseThrow(() -> missing("subnet " + settings.subnetId())));
            ok.append(", subnet ").append(settings.subnetId());
        }
        if (!settings.securityGroupIds().isEmpty()) {
            List<String> found = call(() -> ec2.describeSecurityGroups(r -> r.groupIds(settings.securityGroupIds()))
                    .securityGroups().stream().map(g -> g.groupId()).toList());
            for (String id : settings.securityGroupIds()) {
                if (!found.contains(id)) {
                    throw missing("security group " + id);
                }
            }
            ok.append(", security group").append(found.size() == 1 ? " " : "s ")
                    .append(String.join(", ", settings.securityGroupIds()));
        }
        ok.append(" exist");
        Capacity size = instanceTypeSize();
        capacity = size;
        ok.append("; ").append(settings.instanceType()).append(" has ").append(size.cores()).append(" vCPUs, ")
                .append(size.memoryMb()).append(" MiB and ").append(size.gpus()).append(" GPU")
                .append(size.gpus() == 1 ? "" : "s").append('.');
        return ok.toString();
    }

    private Image image() {
        return call(() -> ec2.describeImages(r -> r.imageIds(settings.amiId())).images().stream()
                .filter(i -> settings.amiId().equals(i.imageId())).findFirst()
                .orElseThrow(() -> missing("AMI " + settings.amiId())));
    }

    private Capacity instanceTypeSize() {
        InstanceTypeInfo info = call(() -> ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings(
                settings.instanceType())).instanceTypes().stream().findFirst()
                .orElseThrow(() -> missing("instance type " + settings.instanceType())));
        long gpus = info.gpuInfo() == null ? 0 : info.gpuInfo().gpus().stream()
                .mapToLong(g -> g.count() == null ? 0 : g.count()).sum();
        long cores = info.vCpuInfo() == null || info.vCpuInfo().defaultVCpus() == null ? 0
                : info.vCpuInfo().defaultVCpus();
        long memory = info.memoryInfo() == null || info.memoryInfo().sizeInMiB() == null ? 0
                : info.memoryInfo().sizeInMiB();
        return new Capacity(cores, gpus, memory);
    }

    private ProviderException missing(String what) {
        return new ProviderException(ProviderErrorClass.BAD_CONFIG, what + " does not exist in " + settings.region());
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsErrors.of(e, "EC2");
        }
    }
}
