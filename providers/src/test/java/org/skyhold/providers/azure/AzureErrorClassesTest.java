package org.skyhold.providers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmState;

/** Each Azure failure the issue names reaches the engine in its class, with Azure's own words, through the SDK. */
class AzureErrorClassesTest {
    FakeAzure azure;
    AzureVmProvider provider;

    @BeforeEach
    void start() {
        TestTls.trustInJvm();
        azure = FakeAzure.start(AzureTestSettings.SECRET);
        provider = provider(Map.of());
    }

    @AfterEach
    void stop() {
        provider.close();
        azure.close();
    }

    AzureVmProvider provider(Map<String, Object> overrides) {
        return (AzureVmProvider) new AzureVmKind().create(AzureTestSettings.vm(azure, overrides));
    }

    @ParameterizedTest
    @CsvSource({
        "409, SkuNotAvailable, The requested VM size is currently not available in location westeurope., CAPACITY",
        "409, AllocationFailed, Allocation failed. We do not have sufficient capacity., CAPACITY",
        "409, ZonalAllocationFailed, Allocation failed in zone 1., CAPACITY",
        "409, QuotaExceeded, Operation results in exceeding quota limits of Core., QUOTA",
        "409, OperationNotAllowed, Operation could not be completed as it results in exceeding approved quota., QUOTA",
        "401, AuthenticationFailed, Authentication failed., AUTH",
        "401, InvalidAuthenticationToken, The access token is invalid., AUTH",
        "403, AuthorizationFailed, The client does not have authorization to perform action., AUTH",
        "400, InvalidParameter, The value of parameter imageReference is invalid., BAD_CONFIG",
        "404, ResourceNotFound, The Resource 'Microsoft.Network/virtualNetworks/vdi-vnet' was not found., BAD_CONFIG",
        "500, InternalServerError, An unexpected error occured., OTHER"})
    void aRefusedPutIsClassified(int status, String code, String message, ProviderErrorClass expected) {
        azure.failNext("PutVm", status, code, message, null);
        assertThatThrownBy(() -> provider.create(AzureTestSettings.spec("i", "ag0000000020")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(expected);
                    assertThat(e.httpStatus()).isEqualTo(status);
                    assertThat(e.cloudCode()).isEqualTo(code);
                    assertThat(e.getMessage()).startsWith("Azure Compute " + code + " (HTTP " + status + "): "
                            + message).contains("x-ms-request-id");
                });
        assertThat(azure.nics()).as("a refused VM leaves nothing behind").isEmpty();
        assertThat(azure.publicIps()).isEmpty();
        assertThat(azure.disks()).isEmpty();
    }

    @Test
    void aThrottledCallIsOneRequestAndCarriesAzuresRetryAfter() {
        azure.failNext("PutVm", 429, "TooManyRequests", "The request is being throttled.", 17);
        assertThatThrownBy(() -> provider.create(AzureTestSettings.spec("i", "ag0000000021")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.THROTTLED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17));
                });
        assertThat(azure.calls("PutVm")).as("the SDK's own retries are off").hasSize(1);
    }

    @Test
    void aRefusedClientSecretIsAnAuthError() {
        provider.close();
        azure.close();
        azure = FakeAzure.start("another-secret");
        provider = provider(Map.of());
        assertThatThrownBy(() -> provider.create(AzureTestSettings.spec("i", "ag0000000022")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).as(e.getMessage()).isEqualTo(ProviderErrorClass.AUTH);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.cloudCode()).isEqualTo("invalid_client");
                    assertThat(e.getMessage()).contains("refused the client credentials", "AADSTS7000215")
                            .doesNotContain(AzureTestSettings.SECRET);
                });
        assertThat(azure.calls("PutVm")).isEmpty();
    }

    @Test
    void anUnknownImageOrQuotaBeyondTheSubscriptionsIsRefusedByTheFakeAsByAzure() {
        provider.close();
        provider = provider(Map.of(AzureFields.IMAGE.name(), Map.of("publisher", "Nobody", "offer", "x", "sku", "y",
                "version", "latest")));
        assertThatThrownBy(() -> provider.create(AzureTestSettings.spec("i", "ag0000000023")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.errorClass())
                        .isEqualTo(ProviderErrorClass.BAD_CONFIG));
        provider.close();
        provider = provider(Map.of());
        azure.coreQuota(6);
        provider.create(AzureTestSettings.spec("i", "ag0000000024"));
        assertThatThrownBy(() -> provider.create(AzureTestSettings.spec("i", "ag0000000025")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.QUOTA);
                    assertThat(e.getMessage()).contains("Total Regional Cores quota");
                });
    }

    @Test
    void anAllocationFailureAfterTheVmWasAcceptedMakesItGoneAndTheNextCreateACapacityError() {
        provider.create(AzureTestSettings.spec("i", "ag0000000026"));
        azure.failProvisioning("skyhold-ag0000000026", "AllocationFailed", "Allocation failed. We do not have "
                + "sufficient capacity for the requested VM size in this region.");

        assertThat(provider.describe("skyhold-ag0000000026")).get()
                .satisfies(v -> assertThat(v.state()).isEqualTo(VmState.GONE));
        assertThatThrownBy(() -> provider.create(AzureTestSettings.spec("i", "ag0000000027")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.CAPACITY);
                    assertThat(e.getMessage()).contains("AllocationFailed", "skyhold-ag0000000026",
                            "sufficient capacity");
                });
        assertThat(azure.calls("PutVm")).as("reported, not sent").hasSize(1);
        provider.create(AzureTestSettings.spec("i", "ag0000000027"));
        assertThat(azure.calls("PutVm")).hasSize(2);

        provider.delete("skyhold-ag0000000026");
        azure.settle();
        assertThat(azure.nics()).containsExactly("skyhold-ag0000000027-nic");
        assertThat(azure.disks()).containsExactly("skyhold-ag0000000027-osdisk");
    }

    @Test
    void theConnectionTestNamesTheSizeOrSubnetAzureDoesNotHave() {
        provider.close();
        provider = provider(Map.of(AzureFields.VM_SIZE.name(), "Standard_ND96asr_v4"));
        assertThatThrownBy(provider::testConnection).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
            assertThat(e.getMessage()).contains("VM size Standard_ND96asr_v4 is not offered in westeurope");
        });
        provider.close();
        provider = provider(Map.of(AzureFields.SUBNET.name(), FakeAzure.SUBNET.replace("/agents", "/gone")));
        assertThatThrownBy(provider::testConnection).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG);
            assertThat(e.getMessage()).startsWith("subnet " + FakeAzure.SUBNET.replace("/agents", "/gone"))
                    .contains("ResourceNotFound");
            assertThat(e.httpStatus()).as("the connection test shows only status and code").isEqualTo(404);
            assertThat(e.cloudCode()).isEqualTo("ResourceNotFound");
        });
    }
}
