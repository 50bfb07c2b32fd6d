package org.skyhold.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.skyhold.domain.model.Secret;

/**
 * The 32-byte key that seals stored secrets: from {@code SKYHOLD_MASTER_KEY} (base64 or 64 hex digits), else
 * from {@code DATA_DIR/master.key}, which is generated with mode 0600 on first start.
 */
public final class MasterKey {
    static final String FILE = "master.key";

    private MasterKey() {
    }

    public static byte[] load(Secret fromEnv, Path dataDir) {
        if (fromEnv != null) {
            return decode(fromEnv.reveal().trim(), "SKYHOLD_MASTER_KEY");
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).trim(), "SKYHOLD_DATA_DIR (" + file + ")");
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(dataDir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
            return key;
        } catch (IOException e) {
            throw new ConfigException("SKYHOLD_DATA_DIR", "cannot read or create " + file + ": " + e.getMessage());
        }
    }

    private static byte[] decode(String text, String variable) {
        byte[] key;
        try {
            key = text.matches("[0-9a-fA-F]{64}") ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(variable, "the master key must be 32 bytes in base64 or 64 hex digits");
        }
        if (key.length != 32) {
            throw new ConfigException(variable, "the master key must be 32 bytes, got " + key.length);
        }
        return key;
    }
}
