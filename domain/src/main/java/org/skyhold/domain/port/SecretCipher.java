package org.skyhold.domain.port;

/**
 * Seals secrets before they are stored and opens them when read. Pure computation, thread-safe.
 * {@code context} names where the value is stored (for example {@code "vm_provider_configs.secrets"}) and is
 * bound into the sealed form, so a value copied into another column does not open.
 */
public interface SecretCipher {
    /** Encrypts and authenticates {@code plaintext}; two calls on the same input give different outputs. */
    byte[] seal(byte[] plaintext, String context);

    /**
     * Decrypts a value made by {@link #seal} with the same key and context.
     *
     * @throws IllegalStateException when the value was tampered with, or sealed under another key or context
     */
    byte[] open(byte[] sealed, String context);
}
