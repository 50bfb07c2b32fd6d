package org.skyhold.providers.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.provider.VmSpec;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The RunInstances request of one agent: every field of the provider's settings, mapped once, here. */
final class Ec2Requests {
    private Ec2Requests() {
    }

    /**
     * One instance of the configured image and type, tagged (instance and volumes) with its host name, the
     * installation, zone and agent, and the custom tags; the client token makes a retry return the same instance.
     *
     * @param rootDeviceName the AMI's root device, needed only when the settings size or type the root volume
     */
    static RunInstancesRequest runInstances(Ec2Settings s, VmSpec spec, String rootDeviceName) {
        RunInstancesRequest.Builder b = RunInstancesRequest.builder()
                .imageId(s.amiId())
                .instanceType(s.instanceType())
                .minCount(1)
                .maxCount(1)
                .clientToken(spec.idempotencyKey())
                .userData(Base64.getEncoder().encodeToString(spec.userData().getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(tags(ResourceType.INSTANCE, s, spec), tags(ResourceType.VOLUME, s, spec));
        if (s.keyName() != null) {
            b.keyName(s.keyName());
        }
        if (!s.securityGroupIds().isEmpty()) {
            b.securityGroupIds(s.securityGroupIds());
        }
        if (s.subnetId() != null) {
            b.subnetId(s.subnetId());
        }
        if (s.overridesRootVolume()) {
            EbsBlockDevice.Builder ebs = EbsBlockDevice.builder().deleteOnTermination(true);
            if (s.volumeSizeGb() != null) {
                ebs.volumeSize(s.volumeSizeGb());
            }
            if (s.volumeType() != null) {
                ebs.volumeType(s.volumeType());
            }
            b.blockDeviceMappings(BlockDeviceMapping.builder().deviceName(rootDeviceName).ebs(ebs.build()).build());
        }
        if (s.iamProfile() != null) {
            b.iamInstanceProfile(s.iamIsArn()
                    ? IamInstanceProfileSpecification.builder().arn(s.iamProfile()).build()
                    : IamInstanceProfileSpecification.builder().name(s.iamProfile()).build());
        }
        return b.build();
    }

    /** The custom tags first, so none of them can overwrite the Name or a tag Skyhold finds its VMs by. */
    static Map<String, String> tagsOf(Ec2Settings s, VmSpec spec) {
        Map<String, String> tags = new LinkedHashMap<>(s.customTags());
        tags.put("Name", spec.hostname());
        tags.putAll(new java.util.TreeMap<>(spec.tags()));
        return tags;
    }

    private static TagSpecification tags(ResourceType type, Ec2Settings s, VmSpec spec) {
        List<Tag> tags = new ArrayList<>();
        tagsOf(s, spec).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }
}
