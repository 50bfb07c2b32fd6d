package org.skyhold.app.reliability;

import java.util.List;
import java.util.Map;
import org.skyhold.app.engine.Scenario;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;
import org.skyhold.providers.aws.FakeAwsServer;
import org.skyhold.providers.aws.FakeEc2;

/** EC2 for the fault matrix: the account of the aws kind's example settings. */
final class AwsFaultCloud implements FaultCloud {
    private final FakeEc2 ec2 = new FakeEc2().image("ami-0abcdef1234567890", "/dev/xvda").subnet("subnet-0123abcd")
            .securityGroup("sg-0123456789abcdef0").securityGroup("sg-0fedcba9876543210")
            .instanceType("g4dn.xlarge", 4, 16384, 1);

    @Override
    public String kind() {
        return "aws";
    }

    @Override
    public Faults faults() {
        return ec2.faults();
    }

    @Override
    public String createCall() {
        return "RunInstances";
    }

    @Override
    public String deleteCall() {
        return "TerminateInstances";
    }

    @Override
    public Fault serverError() {
        return Fault.error(500, "InternalError", "An internal error has occurred.");
    }

    /** EC2 throttles with 503 RequestLimitExceeded and no Retry-After. */
    @Override
    public Fault throttle(int seconds) {
        return Fault.throttle(503, "RequestLimitExceeded", "Request limit exceeded.", null);
    }

    @Override
    public long saveProvider(Scenario s, long zone, int maxInstances, String startupScript) {
        return s.cloudProvider(zone, "aws", ec2.endpoint(), Map.of("max_instances", maxInstances,
                "startup_script", startupScript, "aws_access_key_id", FakeAwsServer.ACCESS_KEY_ID)).id();
    }

    @Override
    public List<Vm> live() {
        return ec2.live().stream().filter(i -> !i.state().equals("shutting-down"))
                .map(i -> new Vm(i.id, i.tags.get("skyhold-agent"), i.state().equals("running"))).toList();
    }

    @Override
    public void boot(String id) {
        ec2.boot(id);
    }

    @Override
    public int checkIn(String id) {
        return ec2.runUserData(id);
    }

    @Override
    public void settle() {
        ec2.settle();
    }

    @Override
    public void close() {
        ec2.close();
    }
}
