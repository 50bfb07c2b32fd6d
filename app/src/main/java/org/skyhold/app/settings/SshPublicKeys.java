package org.skyhold.app.settings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/** Checks an OpenSSH public key line: a known type, and a base64 body that names the same type. */
final class SshPublicKeys {
    private static final Set<String> TYPES = Set.of("ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    private SshPublicKeys() {
    }

    /** @throws IllegalArgumentException saying what is wrong */
    static void check(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2 || !TYPES.contains(parts[0])) {
            throw new IllegalArgumentException("must be an OpenSSH public key line such as \"ssh-ed25519 AAAA... me@host\"");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a key body that is not valid base64");
        }
        ByteBuffer buf = ByteBuffer.wrap(blob);
        if (blob.length < 4) {
            throw new IllegalArgumentException("has a key body that is too short");
        }
        int len = buf.getInt();
        if (len <= 0 || len > blob.length - 4) {
            throw new IllegalArgumentException("has a malformed key body");
        }
        String inner = new String(blob, 4, len, StandardCharsets.US_ASCII);
        if (!inner.equals(parts[0])) {
            throw new IllegalArgumentException("says " + parts[0] + " but its body holds " + inner);
        }
    }
}
