package org.skyhold.domain.port;

/** This installation's identity. Blocking; failures throw {@link RepositoryException}. */
public interface InstallationRepository {
    /**
     * The installation id, written on first call with {@code candidate} and the same ever after (also when
     * several managers race to write it).
     */
    String idOrCreate(String candidate);
}
