package org.skyhold.domain.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.VmProvider;

class ProviderCatalogTest {
    static final FieldSpec TAGS = FieldSpec.of("x_tags", FieldType.STRING_MAP, "Tags").example("{}").build();
    static final FieldSpec SIZE = FieldSpec.of("x_size", FieldType.INTEGER, "Size").required().example("4").build();

    record Vm(String id) implements VmProviderKind {
        public String displayName() {
            return "Cloud " + id;
        }

        public List<FieldSpec> fields() {
            return List.of(SIZE, TAGS);
        }

        public int userDataLimit() {
            return 100;
        }

        public Optional<FieldSpec> customTagsField() {
            return Optional.of(TAGS);
        }

        public void validate(KindSettings settings) {
            settings.fields().requiredText(SIZE);
        }

        public VmProvider create(KindSettings settings) {
            throw new UnsupportedOperationException();
        }
    }

    record Dns(String id) implements DnsProviderKind {
        public String displayName() {
            return "DNS " + id;
        }

        public List<FieldSpec> fields() {
            return List.of();
        }

        public void validate(KindSettings settings) {
        }

        public DnsProvider create(KindSettings settings) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aCatalogRefusesTwoKindsWithOneIdButAVmAndADnsKindMayShareOne() {
        assertThatThrownBy(() -> new ProviderCatalog(List.of(new Vm("a"), new Vm("a")), List.of()))
                .hasMessage("two VM provider kinds have the id a");
        assertThatThrownBy(() -> new ProviderCatalog(List.of(), List.of(new Dns("d"), new Dns("d"))))
                .hasMessage("two DNS provider kinds have the id d");
        ProviderCatalog catalog = new ProviderCatalog(List.of(new Vm("a"), new Vm("b")), List.of(new Dns("a")));
        assertThat(catalog.vmKinds()).extracting(VmProviderKind::id).containsExactly("a", "b");
        assertThat(catalog.dns("a")).isPresent();
        assertThat(catalog.vm("oci")).isEmpty();
        assertThat(catalog.vm(null)).isEmpty();
        assertThat(ProviderCatalog.notAvailable("oci")).isEqualTo(
                "the oci provider kind is not available in this build of Skyhold");
    }

    @Test
    void theDefaultCloudTagsAreSkyholdsSortedThenTheProvidersCustomOnes() {
        List<CloudTag> tags = new Vm("a").cloudTags(Map.of("skyhold-zone", "7", "skyhold-agent", "ag1"),
                ProviderFields.of(Map.of("x_tags", Map.of("team", "vdi"))), "main");
        assertThat(tags).containsExactly(new CloudTag("skyhold-agent", "ag1", "Skyhold"),
                new CloudTag("skyhold-zone", "7", "Skyhold"), new CloudTag("team", "vdi", "provider main"));
    }

    @Test
    void typedGettersReadThroughTheSpecAndNameTheFieldTheyCannotRead() {
        ProviderFields f = ProviderFields.of(Map.of("x_size", "four", "x_tags", List.of("not", "a map")));
        assertThatThrownBy(() -> f.integer(SIZE)).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo("x_size")).hasMessage("must be a whole number");
        assertThatThrownBy(() -> f.stringMap(TAGS)).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo("x_tags"));
        assertThat(ProviderFields.EMPTY.integer(SIZE)).isNull();
        assertThat(ProviderFields.EMPTY.stringMap(TAGS)).isEmpty();
        assertThatThrownBy(() -> new Vm("a").validate(new KindSettings(ProviderFields.EMPTY, Map.of(), null)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo("x_size");
                    assertThat(e.badConfig().getMessage()).isEqualTo("x_size is required");
                });
    }
}
