package org.skyhold.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.skyhold.persistence.db.SchemaMigrator;

class SchemaMigratorTest {
    @Test
    void theChangelogCreatesEveryTableOfTheModel() {
        List<String> tables = TestDatabase.shared().jdbi().withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
                .mapTo(String.class).list());
        assertThat(tables).contains("installation", "users", "api_keys", "dns_provider_configs", "zones",
                "vm_provider_configs", "agents", "images", "staging_configs", "sessions", "events", "zone_leases");
    }

    @Test
    void migratingTwiceChangesNothing() {
        SchemaMigrator.migrate(TestDatabase.shared().dataSource());
        int sets = TestDatabase.shared().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM databasechangelog").mapTo(Integer.class).one());
        SchemaMigrator.migrate(TestDatabase.shared().dataSource());
        int after = TestDatabase.shared().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM databasechangelog").mapTo(Integer.class).one());
        assertThat(after).isEqualTo(sets);
    }

    @Test
    void theSchemaRefusesWhatTheModelForbids() {
        TestDatabase.clean();
        assertThatThrownBy(() -> TestDatabase.shared().jdbi().useHandle(h -> h.execute(
                "INSERT INTO zones (name, standby_cores) VALUES ('z', -1)")))
                .hasMessageContaining("zones_standby_cores_check");
        assertThatThrownBy(() -> TestDatabase.shared().jdbi().useHandle(h -> h.execute(
                "INSERT INTO zones (name, agent_missing_after, agent_dead_after) VALUES ('z', 600, 60)")))
                .hasMessageContaining("zones_check");
    }
}
