package org.skyhold.providers.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmProvider;

/**
 * Each OCI failure reaches the engine once (the SDK does not retry it) with its error class and OCI's own message.
 */
class OciErrorClassesTest {
    static FakeOci fake;
    static VmProvider provider;

    @BeforeAll
    static void start() {
        fake = FakeOci.start(OciTestSettings.KEY.getPublic()).sampleAccount();
        provider = new OciVmKind().create(OciTestSettings.vm(fake, Map.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        ((AutoCloseable) provider).close();
        fake.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "429 | TooManyRequests         | Too many requests for the tenancy.                   | THROTTLED",
            "500 | InternalError           | Out of host capacity.                                | CAPACITY",
            "400 | LimitExceeded           | The service limit for standard-e4-core-count is 8.   | QUOTA",
            "400 | QuotaExceeded           | Compartment quota exceeded for standard-e4-core-count. | QUOTA",
            "401 | NotAuthenticated        | The required information to complete authentication was not provided. | AUTH",
            "404 | NotAuthorizedOrNotFound | Authorization failed or requested resource not found. | BAD_CONFIG",
            "400 | InvalidParameter        | Invalid shape VM.Standard.E9.Flex.                   | BAD_CONFIG",
            "500 | InternalError           | Internal error.                                      | OTHER"})
    void aFailedLaunchIsClassifiedWithTheCloudsMessage(int status, String code, String message,
                                                      ProviderErrorClass expected) {
        int before = fake.calls("LaunchInstance").size();
        fake.failNext("LaunchInstance", status, code, message, status == 429 ? 30 : null);
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.create(OciTestSettings.spec("inst-e", "e" + status + code.length())));
        assertThat(e.errorClass()).isEqualTo(expected);
        assertThat(e.getMessage()).contains(code, message, "opc-request-id");
        assertThat(e.retryAfter()).isEqualTo(status == 429 ? Duration.ofSeconds(30) : null);
        assertThat(fake.calls("LaunchInstance")).as("the SDK tried once").hasSize(before + 1);
    }
}
