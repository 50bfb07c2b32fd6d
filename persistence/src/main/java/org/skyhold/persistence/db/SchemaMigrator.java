package org.skyhold.persistence.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Applies the changelog of the {@code migrations} module to the database: the schema is current or we fail. */
public final class SchemaMigrator {
    public static final String CHANGELOG = "db/changelog.xml";

    static {
        // Liquibase 4.30+ would phone home on every update and print a banner; neither belongs in a server log.
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
    }

    private SchemaMigrator() {
    }

    /**
     * Brings the schema up to date. Safe to call from several managers at once (Liquibase's lock table).
     *
     * @throws IllegalStateException naming the failing change set when a migration fails
     */
    public static void migrate(DataSource dataSource) {
        migrate(dataSource, CHANGELOG);
    }

    /** Applies the change sets of {@code changelog} (a classpath resource); tests use it to stop at a past schema. */
    public static void migrate(DataSource dataSource, String changelog) {
        try (Connection c = dataSource.getConnection()) {
            var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader()),
                    "liquibase.ui.UIService", liquibase.ui.UIServiceEnum.LOGGER.name()), () ->
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                            .addArgumentValue("showSummaryOutput", "LOG")
                            .execute());
        } catch (SQLException e) {
            throw new IllegalStateException("database migration could not connect: " + e.getMessage(), e);
        } catch (LiquibaseException e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
        }
    }
}
