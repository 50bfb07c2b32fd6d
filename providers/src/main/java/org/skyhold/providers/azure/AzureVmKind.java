package org.skyhold.providers.azure;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.provider.VmProvider;

/** The {@code azure} VM provider kind: agents as Azure VMs, through the Azure Resource Manager SDK. */
public final class AzureVmKind implements VmProviderKind {
    @Override
    public String id() {
        return "azure";
    }

    @Override
    public String displayName() {
        return "Microsoft Azure";
    }

    @Override
    public List<FieldSpec> fields() {
        return AzureFields.VM;
    }

    /** 49,152 bytes before base64: Azure takes 64 KB of base64 custom data. */
    @Override
    public int userDataLimit() {
        return AzureVmRequest.USER_DATA_LIMIT;
    }

    @Override
    public Optional<FieldSpec> customTagsField() {
        return Optional.of(AzureFields.TAGS);
    }

    @Override
    public void validate(KindSettings settings) {
        AzureVmSettings.read(settings);
    }

    @Override
    public VmProvider create(KindSettings settings) {
        try {
            return new AzureVmProvider(AzureVmSettings.read(settings));
        } catch (InvalidFieldException e) {
            throw e.badConfig();
        }
    }
}
