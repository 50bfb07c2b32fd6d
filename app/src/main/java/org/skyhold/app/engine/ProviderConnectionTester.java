package org.skyhold.app.engine;

import org.skyhold.app.api.ConnectionTester;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.ProviderFactory;

/** Tests a provider through the same client the engine uses; a cloud's refusal is a result, not an error. */
public final class ProviderConnectionTester implements ConnectionTester {
    private final ProviderFactory factory;

    public ProviderConnectionTester(ProviderFactory factory) {
        this.factory = factory;
    }

    @Override
    public Result test(VmProviderConfig config) {
        try {
            return new Result(true, factory.vm(config).testConnection());
        } catch (ProviderException e) {
            return new Result(false, e.errorClass().wireName() + ": " + e.getMessage());
        }
    }
}
