package org.skyhold.persistence.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AesGcmSecretCipherTest {
    private static final byte[] KEY = filled((byte) 7);
    private final AesGcmSecretCipher cipher = new AesGcmSecretCipher(KEY);

    @Test
    void aSealedValueOpensToThePlaintextUnderTheSameContext() {
        byte[] sealed = cipher.seal("hunter2".getBytes(UTF_8), "zones.nginx_key");

        assertThat(new String(cipher.open(sealed, "zones.nginx_key"), UTF_8)).isEqualTo("hunter2");
    }

    @Test
    void anEmptyPlaintextRoundTrips() {
        assertThat(cipher.open(cipher.seal(new byte[0], "c"), "c")).isEmpty();
    }

    @Test
    void theSealedFormDoesNotContainThePlaintext() {
        byte[] sealed = cipher.seal("hunter2-hunter2".getBytes(UTF_8), "c");

        assertThat(new String(sealed, UTF_8)).doesNotContain("hunter2");
    }

    @Test
    void aValueDoesNotOpenUnderAnotherContext() {
        byte[] sealed = cipher.seal("hunter2".getBytes(UTF_8), "zones.nginx_key");

        assertThatThrownBy(() -> cipher.open(sealed, "vm_provider_configs.secrets"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueDoesNotOpenUnderAnotherKey() {
        byte[] sealed = cipher.seal("hunter2".getBytes(UTF_8), "c");

        assertThatThrownBy(() -> new AesGcmSecretCipher(filled((byte) 8)).open(sealed, "c"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        byte[] sealed = cipher.seal("hunter2".getBytes(UTF_8), "c");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        byte[] truncated = Arrays.copyOf(sealed, 10);

        assertThatThrownBy(() -> cipher.open(tampered, "c")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open(truncated, "c")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void twoSealsOfTheSameValueDiffer() {
        byte[] plain = "hunter2".getBytes(UTF_8);

        assertThat(cipher.seal(plain, "c")).isNotEqualTo(cipher.seal(plain, "c"));
    }

    @Test
    void aMasterKeyOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new AesGcmSecretCipher(new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    private static byte[] filled(byte value) {
        byte[] b = new byte[32];
        Arrays.fill(b, value);
        return b;
    }
}
