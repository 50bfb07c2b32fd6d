package org.skyhold.providers.simulated;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.provider.VmProvider;

/** The {@code simulated} VM kind: VMs in the memory of this process, to try Skyhold without a cloud. */
public final class SimulatedVmKind implements VmProviderKind {
    private final SimulatedCloud cloud;

    public SimulatedVmKind(SimulatedCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public String id() {
        return "simulated";
    }

    @Override
    public String displayName() {
        return "Simulated (in memory)";
    }

    @Override
    public List<FieldSpec> fields() {
        return SimulatedFields.ALL;
    }

    @Override
    public Map<String, String> defaults() {
        return SimulatedFields.DEFAULTS;
    }

    /** As much as the largest cloud limit Skyhold knows (DigitalOcean's 64 KiB): nothing is sent anywhere. */
    @Override
    public int userDataLimit() {
        return 65_536;
    }

    @Override
    public Optional<FieldSpec> customTagsField() {
        return Optional.empty();
    }

    @Override
    public void validate(KindSettings settings) {
        SimulatedSettings.read(settings);
    }

    @Override
    public VmProvider create(KindSettings settings) {
        return new SimulatedVmProvider(cloud, settings);
    }
}
