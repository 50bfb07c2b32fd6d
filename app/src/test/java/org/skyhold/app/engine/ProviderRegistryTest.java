package org.skyhold.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.providers.ProviderCatalogs;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.kind.DnsProviderKind;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.providers.aws.Ec2VmProvider;
import org.skyhold.providers.aws.Route53DnsProvider;
import org.skyhold.providers.simulated.SimulatedAgent;
import org.skyhold.providers.simulated.SimulatedCloud;

/** One client per provider config, kept until the config's settings change. */
class ProviderRegistryTest {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    final ProviderRegistry registry = new ProviderRegistry(
            ProviderCatalogs.standard(new SimulatedCloud(Clock.systemUTC(), new SimulatedAgent()), Clock.systemUTC()));

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void anAwsConfigGetsAnEc2ClientThatIsReusedUntilItsSettingsChange() {
        var first = registry.vm(aws(7, T0));
        assertThat(first).isInstanceOf(Ec2VmProvider.class);
        assertThat(registry.vm(aws(7, T0))).isSameAs(first);
        var changed = registry.vm(aws(7, T0.plusSeconds(1)));
        assertThat(changed).isInstanceOf(Ec2VmProvider.class).isNotSameAs(first);
        assertThat(registry.vm(aws(8, T0))).as("another config, another client").isNotSameAs(changed);
    }

    @Test
    void aRoute53ConfigGetsARoute53ClientThatIsReusedUntilItsSettingsChange() {
        var first = registry.dns(route53(T0));
        assertThat(first).isInstanceOf(Route53DnsProvider.class);
        assertThat(registry.dns(route53(T0))).isSameAs(first);
        assertThat(registry.dns(route53(T0.plusSeconds(1)))).isNotSameAs(first);
    }

    @Test
    void aKindThisBuildDoesNotHaveIsABadConfigurationAndNeverAvailable() {
        var settings = new VmProviderSettings("vultr", "vultr", true, 0, 5, "", null, true, ProviderFields.EMPTY,
                Map.of(), 10);
        assertThatThrownBy(() -> registry.vm(new VmProviderConfig(9, 1, settings, ProviderHealth.HEALTHY, T0, T0)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG))
                .hasMessageContaining("not available in this build");
        assertThat(registry.unavailableVmKind("vultr")).isPresent();
        assertThat(registry.unavailableVmKind("aws")).isEmpty();
    }

    @Test
    void settingsTheKindCannotReadAreABadConfigurationNamingTheField() {
        var settings = new VmProviderSettings("do", "digitalocean", true, 0, 5, "", null, true, ProviderFields.EMPTY,
                Map.of(), 10);
        assertThatThrownBy(() -> registry.vm(new VmProviderConfig(9, 1, settings, ProviderHealth.HEALTHY, T0, T0)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.BAD_CONFIG))
                .hasMessage("digital_ocean_token is required");
    }

    private static VmProviderConfig aws(long id, Instant updatedAt) {
        var settings = new VmProviderSettings("aws", "aws", true, 0, 5, "", "http://127.0.0.1:9", true,
                ProviderFields.of(Map.of("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE", "aws_region", "eu-west-1",
                        "aws_ec2_ami_id", "ami-0abcdef1234567890", "aws_ec2_instance_type", "m5.xlarge")),
                Map.of("aws_secret_access_key", Secret.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")), 10);
        return new VmProviderConfig(id, 1, settings, ProviderHealth.HEALTHY, T0, updatedAt);
    }

    private static DnsProviderConfig route53(Instant updatedAt) {
        return new DnsProviderConfig(3, new DnsProviderSettings("r53", "route53", null,
                ProviderFields.of(Map.of("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE")),
                Map.of("aws_secret_access_key", Secret.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))), T0, updatedAt);
    }
}
