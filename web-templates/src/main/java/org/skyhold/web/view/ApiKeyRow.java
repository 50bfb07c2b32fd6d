package org.skyhold.web.view;

/**
 * One API key in the list, never with its secret: {@code prefix} is the public start of the key (sk_...),
 * {@code scope} what it may do (read, sessions, admin), {@code lastUsed} and {@code revoked} are null when it
 * never was.
 */
public record ApiKeyRow(long id, String name, String prefix, String scope, String created, String lastUsed,
                        String revoked) {
}
