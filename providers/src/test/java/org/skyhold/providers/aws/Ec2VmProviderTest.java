package org.skyhold.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/** The EC2 provider through the real SDK against the fake EC2. */
class Ec2VmProviderTest {
    static AwsClients clients;
    FakeEc2 ec2;

    @BeforeAll
    static void clients() {
        clients = new AwsClients();
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @BeforeEach
    void fake() {
        ec2 = AwsTestSettings.account(new FakeEc2());
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        ec2.close();
    }

    private Ec2VmProvider provider(Map<String, String> overrides) {
        return new Ec2VmProvider(clients, AwsTestSettings.vm(ec2, overrides));
    }

    private Ec2VmProvider provider() {
        return provider(Map.of());
    }

    @Test
    void everyFieldOfTheSettingsReachesRunInstances() {
        VmSpec spec = AwsTestSettings.spec("inst-1", "agabcdef0001");
        VmInstance made = provider().create(spec);

        Map<String, String> p = ec2.calls("RunInstances").get(0).params();
        assertThat(p).contains(entry("ImageId", AwsTestSettings.AMI), entry("InstanceType", "g4dn.xlarge"),
                entry("MinCount", "1"), entry("MaxCount", "1"), entry("KeyName", "ops"),
                entry("SecurityGroupId.1", AwsTestSettings.SG1), entry("SecurityGroupId.2", AwsTestSettings.SG2),
                entry("SubnetId", AwsTestSettings.SUBNET),
                entry("BlockDeviceMapping.1.DeviceName", "/dev/sda1"),
                entry("BlockDeviceMapping.1.Ebs.VolumeSize", "120"),
                entry("BlockDeviceMapping.1.Ebs.VolumeType", "gp3"),
                entry("BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true"),
                entry("IamInstanceProfile.Arn", "arn:aws:iam::123456789012:instance-profile/skyhold-agent"),
                entry("ClientToken", "skyhold-agabcdef0001"));
        assertThat(p).doesNotContainKeys("SecurityGroupId.3", "BlockDeviceMapping.2.DeviceName",
                "IamInstanceProfile.Name", "SecurityGroup.1");
        assertThat(new String(Base64.getDecoder().decode(p.get("UserData")))).isEqualTo(spec.userData());

        Map<String, String> expectedTags = Map.of("Name", "skyhold-agabcdef0001", "skyhold-installation", "inst-1",
                "skyhold-zone", "7", "skyhold-agent", "agabcdef0001", "team", "vdi", "cost-center", "42");
        FakeEc2.Instance vm = ec2.instance(made.instanceId()).orElseThrow();
        assertThat(p).contains(entry("TagSpecification.1.ResourceType", "instance"),
                entry("TagSpecification.2.ResourceType", "volume"));
        assertThat(vm.tags).containsExactlyInAnyOrderEntriesOf(expectedTags);
        assertThat(vm.volumeTags).containsExactlyInAnyOrderEntriesOf(expectedTags);
        assertThat(vm.userData).isEqualTo(spec.userData());

        FakeAwsServer.Call call = ec2.calls("RunInstances").get(0);
        assertThat(call.accessKeyId()).isEqualTo(FakeAwsServer.ACCESS_KEY_ID);
        assertThat(call.region()).isEqualTo("eu-west-1");
        assertThat(made.state()).isEqualTo(VmState.CREATING);
        assertThat(made.tags()).containsAllEntriesOf(expectedTags);
    }

    @Test
    void anInstanceProfileNameIsSentAsANameAndUnsetOptionalFieldsAreLeftOut() {
        Map<String, String> o = new HashMap<>();
        o.put("aws_ec2_iam", "skyhold-agent");
        o.put("aws_ec2_key_pair_name", null);
        o.put("aws_ec2_security_group_ids", null);
        o.put("aws_ec2_subnet_id", null);
        o.put("aws_ec2_ebs_volume_size_gb", null);
        o.put("aws_ec2_ebs_volume_type", null);
        o.put("aws_ec2_custom_tags", null);
        provider(o).create(AwsTestSettings.spec("inst-1", "agabcdef0002"));

        Map<String, String> p = ec2.calls("RunInstances").get(0).params();
        assertThat(p).containsEntry("IamInstanceProfile.Name", "skyhold-agent");
        assertThat(p.keySet()).noneMatch(k -> k.startsWith("KeyName") || k.startsWith("SecurityGroup")
                || k.startsWith("SubnetId") || k.startsWith("BlockDeviceMapping") || k.equals("IamInstanceProfile.Arn"));
        assertThat(ec2.calls("DescribeImages")).as("the root device is only looked up to size the root volume")
                .isEmpty();
    }

    @Test
    void aVolumeTypeAloneStillMapsTheRootDeviceAndTheImageIsLookedUpOnce() {
        Map<String, String> o = new HashMap<>();
        o.put("aws_ec2_ebs_volume_size_gb", null);
        Ec2VmProvider p = provider(o);
        p.create(AwsTestSettings.spec("inst-1", "agabcdef0003"));
        p.create(AwsTestSettings.spec("inst-1", "agabcdef0004"));

        assertThat(ec2.calls("RunInstances")).allSatisfy(c -> assertThat(c.params())
                .containsEntry("BlockDeviceMapping.1.DeviceName", "/dev/sda1")
                .containsEntry("BlockDeviceMapping.1.Ebs.VolumeType", "gp3")
                .doesNotContainKey("BlockDeviceMapping.1.Ebs.VolumeSize"));
        assertThat(ec2.calls("DescribeImages")).hasSize(1);
    }

    @Test
    void customTagsCannotReplaceTheNameOrTheTagsSkyholdFindsItsVmsBy() {
        provider(Map.of("aws_ec2_custom_tags", "{\"Name\":\"x\",\"skyhold-agent\":\"y\",\"team\":\"vdi\"}"))
                .create(AwsTestSettings.spec("inst-1", "agabcdef0005"));
        FakeEc2.Instance vm = ec2.instances().get(0);
        assertThat(vm.tags).containsEntry("Name", "skyhold-agabcdef0005")
                .containsEntry("skyhold-agent", "agabcdef0005").containsEntry("team", "vdi");
    }

    @Test
    void aRetriedCreateAfterALostAnswerReturnsTheSameInstanceAndMakesNoSecondVm() {
        Ec2VmProvider p = provider();
        VmSpec spec = AwsTestSettings.spec("inst-1", "agabcdef0006");
        ec2.loseNextAnswer("RunInstances");
        assertThatThrownBy(() -> p.create(spec)).isInstanceOf(ProviderException.class)
                .satisfies(e -> assertThat(((ProviderException) e).errorClass()).isEqualTo(ProviderErrorClass.OTHER));
        assertThat(ec2.instances()).as("the first call made the VM; only its answer was lost").hasSize(1);

        VmInstance again = p.create(spec);
        assertThat(again.instanceId()).isEqualTo(ec2.instances().get(0).id);
        assertThat(ec2.instances()).hasSize(1);
        assertThat(ec2.calls("RunInstances")).hasSize(2)
                .allSatisfy(c -> assertThat(c.params()).containsEntry("ClientToken", "skyhold-agabcdef0006"));
    }

    @Test
    void describeMapsEveryStateAndTellsTheIpsOnceTheInstanceIsPastPending() {
        Ec2VmProvider p = provider();
        String id = p.create(AwsTestSettings.spec("inst-1", "agabcdef0007")).instanceId();
        VmInstance pending = p.describe(id).orElseThrow();
        assertThat(pending.state()).isEqualTo(VmState.CREATING);
        assertThat(pending.privateIp()).as("not the private address alone while the public one may come").isNull();

        ec2.boot(id);
        VmInstance running = p.describe(id).orElseThrow();
        assertThat(running.state()).isEqualTo(VmState.RUNNING);
        assertThat(running.publicIp()).isEqualTo(ec2.instance(id).orElseThrow().publicIp()).startsWith("203.0.113.");
        assertThat(running.privateIp()).isEqualTo(ec2.instance(id).orElseThrow().privateIp).startsWith("10.0.");
        assertThat(running.tags()).containsEntry("skyhold-agent", "agabcdef0007");

        p.delete(id);
        assertThat(ec2.calls("TerminateInstances").get(0).params()).containsEntry("InstanceId.1", id);
        assertThat(p.describe(id).orElseThrow().state()).isEqualTo(VmState.DELETING);
        ec2.settle();
        assertThat(p.describe(id).orElseThrow().state()).isEqualTo(VmState.GONE);
        ec2.forget(id);
        assertThat(p.describe(id)).as("InvalidInstanceID.NotFound means gone").isEmpty();
        assertThat(ec2.calls("DescribeInstances")).allSatisfy(c -> assertThat(c.params())
                .containsEntry("InstanceId.1", id).doesNotContainKey("MaxResults"));
    }

    @Test
    void anInstanceWithoutAPublicIpIsReportedOnItsPrivateOne() {
        Ec2VmProvider p = provider();
        String id = p.create(AwsTestSettings.spec("inst-1", "agabcdef0008")).instanceId();
        ec2.bootPrivate(id);
        VmInstance vm = p.describe(id).orElseThrow();
        assertThat(vm.publicIp()).isNull();
        assertThat(vm.privateIp()).isNotNull();
    }

    @Test
    void listTaggedReadsEveryPageOfTheInstallationsLiveInstancesOnly() {
        Ec2VmProvider p = provider();
        for (int i = 0; i < 5; i++) {
            p.create(AwsTestSettings.spec("inst-A", "aglisted000" + i));
        }
        p.create(AwsTestSettings.spec("inst-B", "agotherinst1"));
        ec2.launchedElsewhere(Map.of("team", "vdi"));
        String doomed = ec2.instances().get(0).id;
        p.delete(doomed);
        ec2.settle();
        ec2.pageSize(2);
        ec2.clearCalls();

        assertThat(p.listTagged("inst-A")).hasSize(4).extracting(VmInstance::instanceId).doesNotContain(doomed)
                .doesNotHaveDuplicates();
        var calls = ec2.calls("DescribeInstances");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).params()).containsEntry("Filter.1.Name", "tag:skyhold-installation")
                .containsEntry("Filter.1.Value.1", "inst-A").containsEntry("Filter.2.Name", "instance-state-name")
                .doesNotContainKey("NextToken");
        assertThat(FakeEc2.indexed(calls.get(0).params(), "Filter.2.Value")).doesNotContain("terminated")
                .contains("pending", "running", "shutting-down", "stopping", "stopped");
        assertThat(calls.get(1).params()).containsKey("NextToken");
    }

    @Test
    void deletingAnInstanceThatIsGoneOrNeverExistedIsSuccess() {
        Ec2VmProvider p = provider();
        String id = p.create(AwsTestSettings.spec("inst-1", "agabcdef0009")).instanceId();
        ec2.instance(id).orElseThrow(); // exists
        p.describe(id);
        p.delete(id);
        ec2.settle();
        p.delete(id);
        ec2.forget(id);
        p.delete(id);
        p.delete("i-0123456789abcdef0");
        assertThat(ec2.calls("TerminateInstances")).hasSize(4);
    }

    @Test
    void anInstanceEc2DoesNotKnowYetRightAfterItsCreationIsNeitherGoneNorDeleted() {
        Ec2VmProvider p = provider();
        String id = p.create(AwsTestSettings.spec("inst-1", "agabcdef0010")).instanceId();
        ec2.hide(id);
        assertThat(p.describe(id)).get().extracting(VmInstance::state).isEqualTo(VmState.CREATING);
        assertThatThrownBy(() -> p.delete(id)).isInstanceOf(ProviderException.class).hasMessageContaining("will try again");

        ec2.reveal(id);
        p.delete(id);
        assertThat(ec2.instance(id).orElseThrow().state()).isEqualTo("shutting-down");
    }

    @Test
    void theInstanceTypesSizeIsKnownAfterTheFirstCreate() {
        Ec2VmProvider p = provider();
        assertThat(p.expectedCapacity()).isEmpty();
        p.create(AwsTestSettings.spec("inst-1", "agabcdef0011"));
        assertThat(p.expectedCapacity()).contains(new Capacity(4, 1, 16384));
        p.create(AwsTestSettings.spec("inst-1", "agabcdef0012"));
        assertThat(ec2.calls("DescribeInstanceTypes")).hasSize(1);
        assertThat(ec2.calls("DescribeInstanceTypes").get(0).params()).containsEntry("InstanceType.1", "g4dn.xlarge");
    }

    @Test
    void testConnectionChecksTheCredentialsByADryRunAndThatTheNamedResourcesExist() {
        String answer = provider().testConnection();
        assertThat(answer).contains("eu-west-1", AwsTestSettings.AMI, AwsTestSettings.SUBNET, AwsTestSettings.SG1,
                AwsTestSettings.SG2, "g4dn.xlarge has 4 vCPUs, 16384 MiB and 1 GPU");
        assertThat(ec2.calls("DescribeInstances").get(0).params()).containsEntry("DryRun", "true");
        assertThat(ec2.calls("DescribeImages").get(0).params()).containsEntry("ImageId.1", AwsTestSettings.AMI);
        assertThat(ec2.calls("DescribeSubnets").get(0).params()).containsEntry("SubnetId.1", AwsTestSettings.SUBNET);
        assertThat(ec2.calls("DescribeSecurityGroups").get(0).params())
                .containsEntry("GroupId.1", AwsTestSettings.SG1).containsEntry("GroupId.2", AwsTestSettings.SG2);
        assertThat(ec2.instances()).as("nothing was created").isEmpty();
    }

    @Test
    void testConnectionNamesWhatIsMissingOrForbidden() {
        assertRefused(provider(Map.of("aws_ec2_ami_id", "ami-0000000000000dead")), ProviderErrorClass.BAD_CONFIG,
                "InvalidAMIID.NotFound", "ami-0000000000000dead");
        assertRefused(provider(Map.of("aws_ec2_subnet_id", "subnet-0000dead")), ProviderErrorClass.BAD_CONFIG,
                "InvalidSubnetID.NotFound", "subnet-0000dead");
        assertRefused(provider(Map.of("aws_ec2_security_group_ids", "[\"sg-0000dead\"]")),
                ProviderErrorClass.BAD_CONFIG, "InvalidGroup.NotFound", "sg-0000dead");
        assertRefused(provider(Map.of("aws_ec2_instance_type", "x9.huge")), ProviderErrorClass.BAD_CONFIG,
                "InvalidInstanceType", "x9.huge");
        ec2.failNext("DescribeInstances", 403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.");
        assertRefused(provider(), ProviderErrorClass.AUTH, "UnauthorizedOperation", "not authorized");
        ec2.acceptOnly("AKIAOTHERKEY00000000");
        assertRefused(provider(), ProviderErrorClass.AUTH, "AuthFailure", "not able to validate");
    }

    @Test
    void theFakesOwnChecksComeBackAsBadConfigurationWithTheCloudsMessage() {
        assertThatThrownBy(() -> provider(Map.of("aws_ec2_subnet_id", "subnet-0000dead"))
                .create(AwsTestSettings.spec("inst-1", "agabcdef0013")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
                    assertThat(e.getMessage()).isEqualTo(
                            "EC2 InvalidSubnetID.NotFound: The subnet ID 'subnet-0000dead' does not exist");
                });
    }

    @Test
    void anUnreachableEndpointIsAnOtherErrorThatSaysSo() {
        ec2.close();
        assertThatThrownBy(() -> provider().describe("i-0123456789abcdef0"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.OTHER);
                    assertThat(e.getMessage()).startsWith("could not reach EC2");
                });
    }

    private static void assertRefused(Ec2VmProvider p, ProviderErrorClass c, String... inMessage) {
        assertThatThrownBy(p::testConnection).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(c);
            assertThat(e.getMessage()).contains(inMessage);
        });
    }
}
