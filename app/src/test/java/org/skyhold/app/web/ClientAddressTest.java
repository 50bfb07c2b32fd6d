package org.skyhold.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.skyhold.app.config.Cidr;

class ClientAddressTest {
    private final ClientAddress behindProxies = new ClientAddress(List.of(Cidr.parse("10.0.0.0/8"),
            Cidr.parse("fd00::/8")));

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItsHeaderSays() {
        assertThat(behindProxies.resolve("203.0.113.5", "198.51.100.1")).isEqualTo("203.0.113.5");
        assertThat(new ClientAddress(List.of()).resolve("10.0.0.2", "198.51.100.1")).isEqualTo("10.0.0.2");
    }

    @Test
    void behindATrustedProxyTheRightmostAddressNoTrustedProxyOwnsIsTheClient() {
        assertThat(behindProxies.resolve("10.0.0.2", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(behindProxies.resolve("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.7")).isEqualTo("198.51.100.1");
        assertThat(behindProxies.resolve("fd00::1", "2001:db8::9")).isEqualTo("2001:db8::9");
        assertThat(behindProxies.resolve("10.0.0.2", null)).isEqualTo("10.0.0.2");
    }

    @Test
    void cidrsMatchByPrefixAndRefuseNamesAndBadLengths() {
        assertThat(Cidr.parse("192.168.4.0/22").contains("192.168.7.255")).isTrue();
        assertThat(Cidr.parse("192.168.4.0/22").contains("192.168.8.0")).isFalse();
        assertThat(Cidr.parse("127.0.0.1").contains("127.0.0.1")).isTrue();
        assertThat(Cidr.parse("::1/128").contains("127.0.0.1")).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").contains("not-an-address")).isFalse();
        assertThatThrownBy(() -> Cidr.parse("proxy.example")).hasMessageContaining("proxy.example");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
    }
}
