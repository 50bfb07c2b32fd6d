package org.skyhold.providers.aws;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.VmProviderKind;
import org.skyhold.domain.provider.VmProvider;

/** The {@code aws} kind: agents on Amazon EC2 instances. */
public final class Ec2Kind implements VmProviderKind {
    /** EC2 accepts 16 KB of user data before its base64. */
    static final int USER_DATA_LIMIT = 16_384;
    private final AwsClients clients;

    /** @param clients the shared HTTP connections of every AWS client; closed by their owner */
    public Ec2Kind(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String id() {
        return "aws";
    }

    @Override
    public String displayName() {
        return "Amazon EC2";
    }

    @Override
    public List<FieldSpec> fields() {
        return AwsFields.EC2;
    }

    @Override
    public int userDataLimit() {
        return USER_DATA_LIMIT;
    }

    @Override
    public Optional<FieldSpec> customTagsField() {
        return Optional.of(AwsFields.CUSTOM_TAGS);
    }

    @Override
    public void validate(KindSettings settings) {
        Ec2Settings.read(settings);
    }

    @Override
    public VmProvider create(KindSettings settings) {
        return new Ec2VmProvider(clients, settings);
    }
}
