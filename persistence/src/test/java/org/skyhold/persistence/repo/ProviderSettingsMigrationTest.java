package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.persistence.TestDatabase;
import org.skyhold.persistence.db.Database;
import org.skyhold.persistence.db.SchemaMigrator;

/**
 * Change set 007 on rows as the code before it stored them: JSON-typed fields as JSON text inside strings, kinds
 * checked by the database. After it, the fields are JSON and any kind id is accepted.
 */
class ProviderSettingsMigrationTest {
    @Test
    void rowsStoredBefore007HaveTheirJsonTextTurnedIntoJsonAndOtherValuesKept() {
        EmbeddedServer db = EmbeddedServer.fresh();
        try (Database database = db.database) {
            SchemaMigrator.migrate(database.dataSource(), "db/changelog-before-007.xml");
            long zoneId = database.jdbi().withHandle(h -> h.createUpdate("INSERT INTO zones (name) VALUES ('z')")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            // exactly what the old repository wrote: a JSON object of strings
            long vmId = database.jdbi().withHandle(h -> h.createUpdate("""
                    INSERT INTO vm_provider_configs (zone_id, name, kind, settings) VALUES (:zone, 'old', 'aws',
                      CAST(:settings AS jsonb))""").bind("zone", zoneId).bind("settings", """
                    {"aws_region": "eu-west-1", "aws_ec2_security_group_ids": "[\\"sg-0123abcd\\",\\"sg-0fed4321\\"]",
                     "aws_ec2_custom_tags": " {\\"team\\":\\"vdi\\"}", "aws_ec2_key_pair_name": "[not json",
                     "aws_ec2_ebs_volume_size_gb": "120"}""").executeAndReturnGeneratedKeys("id").mapTo(Long.class)
                    .one());
            long dnsId = database.jdbi().withHandle(h -> h.createUpdate("""
                    INSERT INTO dns_provider_configs (name, kind, settings) VALUES ('old-dns', 'rfc2136',
                      CAST('{"rfc2136_port": "53", "list": "[1, 2]"}' AS jsonb))""")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());

            SchemaMigrator.migrate(database.dataSource());

            VmProviderConfig vm = new JdbiVmProviderConfigRepository(database.jdbi(), Fixtures.CIPHER, Fixtures.JSON)
                    .find(vmId).orElseThrow();
            assertThat(vm.kind()).isEqualTo("aws");
            assertThat(vm.settings().fields().values()).isEqualTo(Map.of(
                    "aws_region", "eu-west-1",
                    "aws_ec2_security_group_ids", List.of("sg-0123abcd", "sg-0fed4321"),
                    "aws_ec2_custom_tags", Map.of("team", "vdi"),
                    "aws_ec2_key_pair_name", "[not json",
                    "aws_ec2_ebs_volume_size_gb", "120"));
            DnsProviderConfig dns = new JdbiDnsProviderConfigRepository(database.jdbi(), Fixtures.CIPHER,
                    Fixtures.JSON).find(dnsId).orElseThrow();
            assertThat(dns.settings().kind()).as("a kind this build lacks is kept").isEqualTo("rfc2136");
            assertThat(dns.settings().fields().values()).isEqualTo(Map.of("rfc2136_port", "53",
                    "list", List.of(1, 2)));

            // the kind lists are gone: a kind of another build can be stored
            long oci = new JdbiVmProviderConfigRepository(database.jdbi(), Fixtures.CIPHER, Fixtures.JSON)
                    .create(zoneId, new VmProviderSettings("oci-1", "oci", true, 0, 1, "", null, true,
                            ProviderFields.of(Map.of("oci_region", "eu-frankfurt-1")), Map.of(), 10)).id();
            String stored = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT kind FROM vm_provider_configs WHERE id = :id").bind("id", oci).mapTo(String.class).one());
            assertThat(stored).isEqualTo("oci");
        }
    }

    /** A new database of its own on the test server, so the shared one keeps its current schema. */
    private record EmbeddedServer(Database database) {
        static EmbeddedServer fresh() {
            var server = TestDatabase.server();
            return new EmbeddedServer(Database.connect(TestDatabase.newDatabaseUrl(), server.user(),
                    server.password(), 2));
        }
    }
}
