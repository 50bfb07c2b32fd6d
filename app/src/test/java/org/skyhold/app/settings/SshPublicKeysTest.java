package org.skyhold.app.settings;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.skyhold.app.fixtures.TestPki;

class SshPublicKeysTest {
    private static String line(String type, byte[] blob) {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    @Test
    void anEd25519KeyWithOrWithoutCommentIsAccepted() {
        String key = TestPki.sshEd25519();
        assertThatCode(() -> SshPublicKeys.check(key)).doesNotThrowAnyException();
        assertThatCode(() -> SshPublicKeys.check(key.substring(0, key.lastIndexOf(' ')))).doesNotThrowAnyException();
        assertThatCode(() -> SshPublicKeys.check("  " + key + "  \n")).doesNotThrowAnyException();
    }

    @Test
    void anRsaAndAnEcdsaKeyAreAccepted() {
        assertThatCode(() -> SshPublicKeys.check(TestPki.sshRsa(TestPki.rsa()) + " me@host")).doesNotThrowAnyException();
        String ecdsa = line("ecdsa-sha2-nistp256", TestPki.sshBlob("ecdsa-sha2-nistp256", "nistp256".getBytes(),
                new byte[65]));
        assertThatCode(() -> SshPublicKeys.check(ecdsa)).doesNotThrowAnyException();
    }

    @Test
    void anUnknownKeyTypeIsRefused() {
        assertThatThrownBy(() -> SshPublicKeys.check(line("ssh-dss", TestPki.sshBlob("ssh-dss", new byte[20]))))
                .hasMessageStartingWith("must be an OpenSSH public key line");
    }

    @Test
    void aLineWithoutAKeyBodyIsRefused() {
        assertThatThrownBy(() -> SshPublicKeys.check("ssh-ed25519")).hasMessageStartingWith("must be an OpenSSH");
        assertThatThrownBy(() -> SshPublicKeys.check("not a key")).hasMessageStartingWith("must be an OpenSSH");
    }

    @Test
    void aBodyThatIsNotBase64IsRefused() {
        assertThatThrownBy(() -> SshPublicKeys.check("ssh-ed25519 AAAA!!!notbase64"))
                .hasMessage("has a key body that is not valid base64");
    }

    @Test
    void aBodyTooShortOrWithABrokenLengthIsRefused() {
        assertThatThrownBy(() -> SshPublicKeys.check("ssh-ed25519 AAA=")).hasMessage("has a key body that is too short");
        byte[] lying = TestPki.sshBlob("ssh-ed25519", new byte[32]);
        lying[3] = (byte) 200;
        assertThatThrownBy(() -> SshPublicKeys.check(line("ssh-ed25519", lying))).hasMessage("has a malformed key body");
    }

    @Test
    void aKeyWhoseBodyNamesAnotherTypeIsRefused() {
        String ed = TestPki.sshEd25519().split(" ")[1];
        assertThatThrownBy(() -> SshPublicKeys.check("ssh-rsa " + ed))
                .hasMessage("says ssh-rsa but its body holds ssh-ed25519");
    }
}
