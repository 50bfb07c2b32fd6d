package org.skyhold.providers.oci;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmProvider;

/** The {@code oci} VM provider kind: agents on OCI Compute, through the OCI Java SDK. */
public final class OciVmKind implements VmProviderKind {
    @Override
    public String id() {
        return "oci";
    }

    @Override
    public String displayName() {
        return "Oracle Cloud (OCI)";
    }

    @Override
    public List<FieldSpec> fields() {
        return OciFields.VM;
    }

    /** 24,000 bytes before base64: OCI takes 32,000 bytes of metadata, user data base64-encoded among them. */
    @Override
    public int userDataLimit() {
        return OciLaunch.USER_DATA_LIMIT;
    }

    @Override
    public Optional<FieldSpec> customTagsField() {
        return Optional.of(OciFields.CUSTOM_TAGS);
    }

    @Override
    public void validate(KindSettings settings) {
        OciVmSettings.read(settings);
    }

    @Override
    public VmProvider create(KindSettings settings) {
        OciVmSettings s;
        try {
            s = OciVmSettings.read(settings);
        } catch (InvalidFieldException e) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, e.field() + " " + e.getMessage(), null, e);
        }
        return new OciVmProvider(s);
    }
}
