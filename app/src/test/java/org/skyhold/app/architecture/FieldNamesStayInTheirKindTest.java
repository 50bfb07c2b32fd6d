package org.skyhold.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyhold.app.fixtures.TestCatalog;
import org.skyhold.domain.kind.FieldSpec;

/** Nothing outside a kind's own package names one of its fields: adding a cloud is its package and a catalog line. */
class FieldNamesStayInTheirKindTest {
    @Test
    void noMainSourceOutsideAKindsPackageNamesOneOfItsFields() {
        Map<String, String> owners = owners();
        assertThat(owners).containsKeys("aws_region", "digital_ocean_tags", "sim_cores");

        assertThat(FieldNameScanner.violations(Path.of("..").toAbsolutePath().normalize(), owners)).isEmpty();
    }

    @Test
    void theScannerFindsALiteralOutsideTheOwningPackageAndIgnoresTheOwner(@TempDir Path root) throws IOException {
        Path owner = root.resolve("providers/src/main/java/org/skyhold/providers/aws/Ec2Fields.java");
        Path stranger = root.resolve("app/src/main/java/org/skyhold/app/pages/Tags.java");
        Path page = root.resolve("web-templates/src/main/jte/tags.jte");
        Path test = root.resolve("app/src/test/java/org/skyhold/app/TagsTest.java");
        for (Path p : new Path[] {owner, stranger, page, test}) {
            Files.createDirectories(p.getParent());
        }
        Files.writeString(owner, "class Ec2Fields { String f = \"aws_region\"; }\n");
        Files.writeString(stranger, "class Tags {\n  String f = \"aws_region\";\n  String g = \"aws_regions\";\n}\n");
        Files.writeString(page, "<p>${\"aws_region\"}</p>\n");
        Files.writeString(test, "class TagsTest { String f = \"aws_region\"; }\n");

        assertThat(FieldNameScanner.violations(root, Map.of("aws_region", "org.skyhold.providers.aws")))
                .containsExactlyInAnyOrder(
                        "app/src/main/java/org/skyhold/app/pages/Tags.java:2 names aws_region (owned by "
                                + "org.skyhold.providers.aws)",
                        "web-templates/src/main/jte/tags.jte:1 names aws_region (owned by org.skyhold.providers.aws)");
    }

    /** Every field of every catalog kind, by the package of the kind's descriptor. */
    private static Map<String, String> owners() {
        Map<String, String> owners = new LinkedHashMap<>();
        TestCatalog.CATALOG.vmKinds().forEach(k -> k.fields().stream().map(FieldSpec::name)
                .forEach(f -> owners.put(f, k.getClass().getPackageName())));
        TestCatalog.CATALOG.dnsKinds().forEach(k -> k.fields().stream().map(FieldSpec::name)
                .forEach(f -> owners.put(f, k.getClass().getPackageName())));
        return owners;
    }
}
