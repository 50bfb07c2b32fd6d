package org.skyhold.providers.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.provider.ProviderException;

/**
 * The {@code aws} kind's fields of a VM provider, read once into types. Optional fields are null when unset.
 *
 * @param iamProfile an instance profile name, or an ARN when it starts with {@code arn:}
 */
record Ec2Settings(String region, String amiId, String instanceType, String keyName, List<String> securityGroupIds,
                   String subnetId, Integer volumeSizeGb, String volumeType, String iamProfile,
                   Map<String, String> customTags) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Ec2Settings of(VmProviderSettings s) {
        Map<String, String> f = s.fields();
        return new Ec2Settings(required(f, "aws_region"), required(f, "aws_ec2_ami_id"),
                required(f, "aws_ec2_instance_type"), optional(f, "aws_ec2_key_pair_name"),
                json(f, "aws_ec2_security_group_ids", new TypeReference<List<String>>() { }, List.of()),
                optional(f, "aws_ec2_subnet_id"),
                optional(f, "aws_ec2_ebs_volume_size_gb") == null ? null
                        : Integer.valueOf(optional(f, "aws_ec2_ebs_volume_size_gb")),
                optional(f, "aws_ec2_ebs_volume_type"), optional(f, "aws_ec2_iam"),
                json(f, "aws_ec2_custom_tags", new TypeReference<Map<String, String>>() { }, Map.of()));
    }

    boolean iamIsArn() {
        return iamProfile != null && iamProfile.startsWith("arn:");
    }

    /** Whether the root volume differs from the AMI's, so RunInstances needs a block-device mapping. */
    boolean overridesRootVolume() {
        return volumeSizeGb != null || volumeType != null;
    }

    private static String required(Map<String, String> f, String name) {
        String v = optional(f, name);
        if (v == null) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, name + " is not set");
        }
        return v;
    }

    private static String optional(Map<String, String> f, String name) {
        String v = f.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static <T> T json(Map<String, String> f, String name, TypeReference<T> type, T empty) {
        String v = optional(f, name);
        if (v == null) {
            return empty;
        }
        try {
            T parsed = JSON.readValue(v, type);
            return parsed == null ? empty : parsed;
        } catch (JsonProcessingException e) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, name + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }
}
