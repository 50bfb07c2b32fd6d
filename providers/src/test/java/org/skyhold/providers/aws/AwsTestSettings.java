package org.skyhold.providers.aws;

import java.util.HashMap;
import java.util.Map;
import org.skyhold.domain.model.DnsProviderKind;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderKind;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.provider.VmSpec;

/** Provider settings pointed at the fakes, and the account the fake EC2 holds for them. */
final class AwsTestSettings {
    static final String AMI = "ami-0abcdef1234567890";
    static final String SUBNET = "subnet-0123abcd";
    static final String SG1 = "sg-0123456789abcdef0";
    static final String SG2 = "sg-0fedcba9876543210";
    static final String TYPE = "g4dn.xlarge";

    private AwsTestSettings() {
    }

    /** The resources every setting below names. */
    static FakeEc2 account(FakeEc2 ec2) {
        return ec2.image(AMI, "/dev/sda1").subnet(SUBNET).securityGroup(SG1).securityGroup(SG2)
                .instanceType(TYPE, 4, 16384, 1);
    }

    /** Every field set, as an operator would; {@code overrides} replace fields (a null value removes one). */
    static VmProviderSettings vm(FakeAwsServer ec2, Map<String, String> overrides) {
        Map<String, String> f = new HashMap<>(Map.of("aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID,
                "aws_region", "eu-west-1", "aws_ec2_ami_id", AMI, "aws_ec2_instance_type", TYPE,
                "aws_ec2_key_pair_name", "ops", "aws_ec2_security_group_ids", "[\"" + SG1 + "\",\"" + SG2 + "\"]",
                "aws_ec2_subnet_id", SUBNET, "aws_ec2_ebs_volume_size_gb", "120", "aws_ec2_ebs_volume_type", "gp3",
                "aws_ec2_iam", "arn:aws:iam::123456789012:instance-profile/skyhold-agent"));
        f.put("aws_ec2_custom_tags", "{\"team\":\"vdi\",\"cost-center\":\"42\"}");
        overrides.forEach((k, v) -> {
            if (v == null) {
                f.remove(k);
            } else {
                f.put(k, v);
            }
        });
        return new VmProviderSettings("aws-main", VmProviderKind.AWS, true, 0, 10, "#!/bin/sh\n", ec2.endpoint(),
                true, f, Map.of("aws_secret_access_key", Secret.of(FakeAwsServer.SECRET_ACCESS_KEY)), 10);
    }

    static DnsProviderSettings dns(FakeAwsServer route53) {
        return new DnsProviderSettings("r53", DnsProviderKind.ROUTE53, route53.endpoint(),
                Map.of("aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID),
                Map.of("aws_secret_access_key", Secret.of(FakeAwsServer.SECRET_ACCESS_KEY)));
    }

    static VmSpec spec(String installation, String agentId) {
        return new VmSpec(agentId, "skyhold-" + agentId, "#!/bin/sh\necho hello from " + agentId + "\n",
                VmSpec.tags(installation, 7, agentId), "skyhold-" + agentId, "http://127.0.0.1:1/checkin", "tok");
    }
}
