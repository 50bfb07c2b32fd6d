package org.skyhold.app.engine;

import java.io.IOException;
import org.skyhold.app.api.ConnectionTester;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.ProviderFactory;

/**
 * Tests a provider through the same client the engine uses; a cloud's refusal is a result, not an error. A
 * refusal is reported as its error class, the HTTP status and the cloud's error code, never the text of the
 * answer: the endpoint may be any URL an operator typed, and echoing its answer would make this button a way to
 * read internal pages from Skyhold's network.
 */
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
            return new Result(false, describe(e));
        }
    }

    /** What the operator is told of a failed test. */
    static String describe(ProviderException e) {
        String errorClass = e.errorClass().wireName();
        if (e.httpStatus() > 0) {
            return errorClass + ": the endpoint answered HTTP " + e.httpStatus()
                    + (e.cloudCode() == null ? " without an error code" : " with error code " + e.cloudCode());
        }
        if (hasIoCause(e)) {
            return errorClass + ": no answer from the endpoint";
        }
        // no answer was involved: the provider's own check of its settings (an unknown region, say)
        return errorClass + ": " + e.getMessage();
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
