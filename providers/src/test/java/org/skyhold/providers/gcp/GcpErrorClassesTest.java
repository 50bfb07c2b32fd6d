package org.skyhold.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmProvider;

/**
 * Each Google failure of an insert reaches the engine once (the client does not retry it) with its error class and
 * Google's own message: refused requests from the answer, a zone out of resources or a quota from the operation.
 */
class GcpErrorClassesTest {
    static FakeGcp fake;
    static VmProvider provider;

    @BeforeAll
    static void start() {
        fake = FakeGcp.start(GcpTestSettings.KEY.getPublic(), GcpTestSettings.CLIENT_EMAIL).sampleProject();
        provider = new GcpVmKind().create(GcpTestSettings.vm(fake, Map.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        ((AutoCloseable) provider).close();
        fake.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "429 | rateLimitExceeded | Rate Limit Exceeded                                        | THROTTLED",
            "403 | rateLimitExceeded | Quota exceeded for quota metric 'Queries' of service compute | THROTTLED",
            "403 | quotaExceeded     | Quota 'CPUS' exceeded.  Limit: 24.0 in region europe-west4. | QUOTA",
            "403 | forbidden         | Required 'compute.instances.create' permission               | AUTH",
            "400 | invalid           | Invalid value for field 'resource.machineType'               | BAD_CONFIG",
            "404 | notFound          | The resource 'projects/vdi-prod-123/global/images/x' was not found | BAD_CONFIG",
            "503 | backendError      | Internal error. Please try again or contact Google Support.  | OTHER"})
    void aRefusedInsertIsClassifiedWithGooglesMessage(int status, String reason, String message,
                                                     ProviderErrorClass expected) {
        int before = fake.calls("instances.insert").size();
        fake.failNext("instances.insert", status, reason, message, status == 429 ? 30 : null);
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.create(GcpTestSettings.spec("inst-e", "e" + status + reason.length())));
        assertThat(e.errorClass()).isEqualTo(expected);
        assertThat(e.getMessage()).contains("Compute Engine " + reason + " (HTTP " + status + "): " + message);
        assertThat(e.retryAfter()).isEqualTo(status == 429 ? Duration.ofSeconds(30) : null);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.cloudCode()).isEqualTo(reason);
        assertThat(fake.calls("instances.insert")).as("the client tried once").hasSize(before + 1);
    }

    @Test
    void aRefusedTokenIsRenewedAndRetriedAndThenIsAnAuthError() {
        fake.failAlways("instances.insert", 401, "authError", "Request had invalid authentication credentials.");
        try {
            int inserts = fake.calls("instances.insert").size();
            int tokens = fake.calls("token").size();
            ProviderException e = catchThrowableOfType(ProviderException.class,
                    () -> provider.create(GcpTestSettings.spec("inst-e", "e401")));
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.AUTH);
            assertThat(e.getMessage()).as("the client read the answer when it renewed the token")
                    .startsWith("Compute Engine error (HTTP 401): HTTP 401");
            // Google's HTTP client renews the token on each 401 and tries again, up to its 10 retries
            assertThat(fake.calls("instances.insert").size() - inserts).as("tries").isBetween(2, 11);
            assertThat(fake.calls("token").size() - tokens).as("token grants").isPositive();
        } finally {
            fake.heal();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ZONE_RESOURCE_POOL_EXHAUSTED              | 503 | CAPACITY",
            "ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS | 503 | CAPACITY",
            "QUOTA_EXCEEDED                            | 403 | QUOTA",
            "RESOURCE_OPERATION_RATE_EXCEEDED          | 503 | OTHER"})
    void aFailedInsertOperationIsClassifiedByItsCode(String code, int status, ProviderErrorClass expected) {
        fake.failNextInsertOperation(code, "The operation failed: " + code, status);
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.create(GcpTestSettings.spec("inst-e", "op" + code.length())));
        assertThat(e.errorClass()).isEqualTo(expected);
        assertThat(e.getMessage()).startsWith("Compute Engine " + code + " (HTTP " + status + "): The operation failed");
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.cloudCode()).isEqualTo(code);
    }
}
