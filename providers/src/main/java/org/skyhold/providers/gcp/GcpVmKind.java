package org.skyhold.providers.gcp;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.provider.VmProvider;

/** The {@code gcp} VM provider kind: agents on Compute Engine, through google-cloud-compute's REST transport. */
public final class GcpVmKind implements VmProviderKind {
    @Override
    public String id() {
        return "gcp";
    }

    @Override
    public String displayName() {
        return "Google Compute Engine";
    }

    @Override
    public List<FieldSpec> fields() {
        return GcpFields.VM;
    }

    /** 256 KB: GCP's limit of one metadata value, which the startup script is. */
    @Override
    public int userDataLimit() {
        return GcpInsert.USER_DATA_LIMIT;
    }

    @Override
    public Optional<FieldSpec> customTagsField() {
        return Optional.of(GcpFields.CUSTOM_LABELS);
    }

    @Override
    public void validate(KindSettings settings) {
        GcpVmSettings.read(settings);
    }

    @Override
    public VmProvider create(KindSettings settings) {
        try {
            return new GcpVmProvider(GcpVmSettings.read(settings));
        } catch (InvalidFieldException e) {
            throw e.badConfig();
        }
    }
}
