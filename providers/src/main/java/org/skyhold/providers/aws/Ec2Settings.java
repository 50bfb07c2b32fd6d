package org.skyhold.providers.aws;

import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;

/**
 * The {@code aws} kind's settings, read once into types through {@link AwsFields}. Optional fields are null
 * (lists and maps empty) when unset. The same reader runs when a provider is saved and when it is built.
 *
 * @param iamProfile an instance profile name, or an ARN when it starts with {@code arn:}
 */
record Ec2Settings(AwsAccess access, String amiId, String instanceType, String keyName,
                   List<String> securityGroupIds, String subnetId, Integer volumeSizeGb, String volumeType,
                   String iamProfile, Map<String, String> customTags) {

    /** @throws InvalidFieldException naming the field that cannot be read */
    static Ec2Settings read(KindSettings s) {
        ProviderFields f = s.fields();
        Long volume = f.integer(AwsFields.EBS_VOLUME_SIZE_GB);
        return new Ec2Settings(AwsAccess.ec2(s), f.requiredText(AwsFields.AMI_ID),
                f.requiredText(AwsFields.INSTANCE_TYPE), f.text(AwsFields.KEY_PAIR_NAME),
                f.strings(AwsFields.SECURITY_GROUP_IDS), f.text(AwsFields.SUBNET_ID),
                volume == null ? null : Math.toIntExact(volume), f.text(AwsFields.EBS_VOLUME_TYPE),
                f.text(AwsFields.IAM), f.stringMap(AwsFields.CUSTOM_TAGS));
    }

    String region() {
        return access.region();
    }

    boolean iamIsArn() {
        return iamProfile != null && iamProfile.startsWith("arn:");
    }

    /** Whether the root volume differs from the AMI's, so RunInstances needs a block-device mapping. */
    boolean overridesRootVolume() {
        return volumeSizeGb != null || volumeType != null;
    }
}
