package org.skyhold.providers.aws;

import static org.skyhold.domain.kind.FieldType.CHOICE;
import static org.skyhold.domain.kind.FieldType.INTEGER;
import static org.skyhold.domain.kind.FieldType.STRING_LIST;
import static org.skyhold.domain.kind.FieldType.STRING_MAP;
import static org.skyhold.domain.kind.FieldType.TEXT;

import java.util.List;
import org.skyhold.domain.kind.FieldSpec;

/**
 * The fields of the two AWS kinds, defined once: the credentials are shared (an access key works for EC2 and
 * Route 53 alike), the rest are EC2's. Examples are AWS's own documentation values, never real credentials.
 */
final class AwsFields {
    private AwsFields() {
    }

    static final FieldSpec ACCESS_KEY_ID = FieldSpec.of("aws_access_key_id", TEXT, "Access key ID").required()
            .pattern("^(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,124}$", "an access key ID such as AKIAIOSFODNN7EXAMPLE")
            .help("The IAM user's access key. EC2 needs ec2:RunInstances, CreateTags, DescribeInstances, "
                    + "TerminateInstances, DescribeImages, DescribeSubnets, DescribeSecurityGroups, "
                    + "DescribeInstanceTypes (and iam:PassRole for an instance profile); Route 53 needs "
                    + "route53:ListHostedZonesByName, ListResourceRecordSets and ChangeResourceRecordSets.")
            .example("AKIAIOSFODNN7EXAMPLE").build();
    static final FieldSpec SECRET_ACCESS_KEY = FieldSpec.of("aws_secret_access_key", TEXT, "Secret access key")
            .secret().required().pattern("^[A-Za-z0-9/+=]{16,128}$", "the 40-character secret of the access key")
            .help("The secret half of the access key; stored encrypted, never shown again.")
            .example("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").build();
    static final FieldSpec REGION = FieldSpec.of("aws_region", TEXT, "Region").required()
            .pattern("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}$", "a region code such as eu-west-1")
            .help("The region agents are created in, e.g. us-east-1.").example("eu-west-1").build();
    static final FieldSpec AMI_ID = FieldSpec.of("aws_ec2_ami_id", TEXT, "AMI ID").required()
            .pattern("^ami-[0-9a-f]{8}([0-9a-f]{9})?$", "an AMI ID such as ami-0abcdef1234567890")
            .help("The machine image of the agent, with the agent software installed.")
            .example("ami-0abcdef1234567890").build();
    static final FieldSpec INSTANCE_TYPE = FieldSpec.of("aws_ec2_instance_type", TEXT, "Instance type")
            .required().pattern("^[a-z][a-z0-9-]*\\.[a-z0-9-]+$", "an instance type such as g4dn.xlarge")
            .help("The instance type, e.g. g4dn.xlarge for a GPU agent.").example("g4dn.xlarge").build();
    static final FieldSpec KEY_PAIR_NAME = FieldSpec.of("aws_ec2_key_pair_name", TEXT, "Key pair name")
            .help("Optional EC2 key pair for SSH access to agents.").example("ops").build();
    static final FieldSpec SECURITY_GROUP_IDS = FieldSpec.of("aws_ec2_security_group_ids", STRING_LIST,
            "Security group IDs").pattern("^sg-[0-9a-f]{8}([0-9a-f]{9})?$", "security group IDs such as sg-0123abcd")
            .help("JSON list of security group IDs, e.g. [\"sg-0123456789abcdef0\"].")
            .example("[\"sg-0123456789abcdef0\",\"sg-0fedcba9876543210\"]").build();
    static final FieldSpec SUBNET_ID = FieldSpec.of("aws_ec2_subnet_id", TEXT, "Subnet ID")
            .pattern("^subnet-[0-9a-f]{8}([0-9a-f]{9})?$", "a subnet ID such as subnet-0123abcd")
            .help("The VPC subnet agents are placed in; empty uses the default VPC.").example("subnet-0123abcd")
            .build();
    static final FieldSpec EBS_VOLUME_SIZE_GB = FieldSpec.of("aws_ec2_ebs_volume_size_gb", INTEGER,
            "Root volume size (GB)").range(1, 16384).help("Size of the root EBS volume; empty keeps the AMI's.")
            .example("120").build();
    static final FieldSpec EBS_VOLUME_TYPE = FieldSpec.of("aws_ec2_ebs_volume_type", CHOICE,
            "Root volume type").choices("gp3", "gp2", "io1", "io2", "st1", "sc1", "standard")
            .help("EBS volume type of the root volume.").example("gp3").build();
    static final FieldSpec IAM = FieldSpec.of("aws_ec2_iam", TEXT, "IAM instance profile")
            .pattern("^(arn:aws[a-z-]*:iam::\\d{12}:instance-profile/.+|[\\w+=,.@-]{1,128})$",
                    "an instance profile name or ARN")
            .help("Optional instance profile, by name or ARN (arn:aws:iam::123456789012:instance-profile/x).")
            .example("arn:aws:iam::123456789012:instance-profile/skyhold-agent").build();
    static final FieldSpec CUSTOM_TAGS = FieldSpec.of("aws_ec2_custom_tags", STRING_MAP, "Custom tags")
            .help("JSON object of extra tags for instances and volumes, e.g. {\"team\": \"vdi\"}.")
            .example("{\"team\":\"vdi\",\"cost-center\":\"42\"}").build();

    /** The {@code aws} kind's fields in page order. */
    static final List<FieldSpec> EC2 = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, REGION, AMI_ID, INSTANCE_TYPE,
            KEY_PAIR_NAME, SECURITY_GROUP_IDS, SUBNET_ID, EBS_VOLUME_SIZE_GB, EBS_VOLUME_TYPE, IAM, CUSTOM_TAGS);
    /** The {@code route53} kind's fields. */
    static final List<FieldSpec> ROUTE53 = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
}
