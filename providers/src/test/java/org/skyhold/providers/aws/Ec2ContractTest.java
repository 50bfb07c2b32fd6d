package org.skyhold.providers.aws;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.providers.VmProviderContract;

/** The provider contract for the {@code aws} kind: the real SDK against the fake EC2. */
class Ec2ContractTest extends VmProviderContract {
    static AwsClients clients;
    FakeEc2 ec2;
    Ec2VmProvider provider;

    @BeforeAll
    static void clients() {
        clients = new AwsClients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @BeforeEach
    void fake() {
        ec2 = AwsTestSettings.account(new FakeEc2());
        provider = new Ec2VmProvider(clients, AwsTestSettings.vm(ec2, Map.of()));
    }

    @AfterEach
    void stop() {
        ec2.close();
    }

    @Override
    protected VmProvider provider() {
        return provider;
    }

    @Override
    protected void boot(String instanceId) {
        ec2.boot(instanceId);
    }

    @Override
    protected void finishDeletes() {
        ec2.settle();
    }

    @Override
    protected int vmCount() {
        return ec2.instances().size();
    }

    @Override
    protected Capacity agentSize() {
        return new Capacity(4, 1, 16384);
    }
}
