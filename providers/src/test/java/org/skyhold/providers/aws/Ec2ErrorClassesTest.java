package org.skyhold.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

/** Each answer EC2 can give RunInstances reaches the engine once, in its class, with EC2's message. */
class Ec2ErrorClassesTest {
    static AwsClients clients;
    static FakeEc2 ec2;

    @BeforeAll
    static void start() {
        clients = new AwsClients();
        ec2 = AwsTestSettings.account(new FakeEc2());
    }

    @AfterAll
    static void stop() {
        ec2.close();
        clients.close();
    }

    @ParameterizedTest(name = "{1} ({0}) is {2}")
    @CsvSource({
            "500, InsufficientInstanceCapacity, CAPACITY",
            "400, InstanceLimitExceeded, QUOTA",
            "400, VcpuLimitExceeded, QUOTA",
            "503, RequestLimitExceeded, THROTTLED",
            "503, , THROTTLED",
            "401, AuthFailure, AUTH",
            "403, UnauthorizedOperation, AUTH",
            "403, InvalidClientTokenId, AUTH",
            "403, SignatureDoesNotMatch, AUTH",
            "400, InvalidAMIID.NotFound, BAD_CONFIG",
            "400, InvalidAMIID.Malformed, BAD_CONFIG",
            "400, InvalidSubnetID.NotFound, BAD_CONFIG",
            "400, InvalidGroup.NotFound, BAD_CONFIG",
            "400, InvalidKeyPair.NotFound, BAD_CONFIG",
            "400, InvalidParameterValue, BAD_CONFIG",
            "500, InternalError, OTHER",
            "400, IdempotentParameterMismatch, OTHER"})
    void anEc2ErrorReachesTheEngineOnceInItsClass(int status, String code, ProviderErrorClass expected) {
        Ec2VmProvider p = new Ec2VmProvider(clients, AwsTestSettings.vm(ec2, Map.of()));
        p.expectedCapacity(); // nothing to look up: the provider is new
        String message = "the cloud's words for " + code;
        ec2.failNext("RunInstances", status, code, message);
        ec2.clearCalls();
        assertThatThrownBy(() -> p.create(AwsTestSettings.spec("inst-1", "agerrors0001")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(expected);
                    assertThat(e.getMessage()).contains(code == null ? "HTTP " + status : code + ": " + message);
                    // what Test connection may show of an answer: its status and code, never its words
                    assertThat(e.httpStatus()).isEqualTo(status);
                    assertThat(e.cloudCode()).isEqualTo(code);
                });
        assertThat(ec2.calls("RunInstances")).as("the SDK does not retry on its own").hasSize(1);
    }
}
