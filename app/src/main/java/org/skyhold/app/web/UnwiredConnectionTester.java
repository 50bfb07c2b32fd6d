package org.skyhold.app.web;

import org.skyhold.app.api.ConnectionTester;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderKind;

/**
 * The connection test before a cloud's provider is built: it says plainly that the kind is not wired yet,
 * rather than pretending to have tested anything.
 */
public final class UnwiredConnectionTester implements ConnectionTester {
    @Override
    public Result test(VmProviderConfig config) {
        if (config.kind() == VmProviderKind.SIMULATED) {
            return new Result(true, "The simulated provider keeps its VMs in memory; there is nothing to connect to.");
        }
        return new Result(false, "Test connection for " + config.kind().wireName()
                + " is not wired yet in this version of Skyhold; the settings were checked for form only.");
    }
}
