package org.skyhold.app;

import io.javalin.Javalin;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.skyhold.app.config.Config;
import org.skyhold.app.config.ConfigException;
import org.skyhold.app.config.MasterKey;
import org.skyhold.app.engine.DailyRetention;
import org.skyhold.app.engine.Engine;
import org.skyhold.app.engine.HaltOnFailpoint;
import org.skyhold.app.web.WebApp;
import org.skyhold.domain.engine.Retention;
import org.skyhold.domain.port.SecretCipher;
import org.skyhold.persistence.crypto.AesGcmSecretCipher;
import org.skyhold.persistence.crypto.MasterKeyCheck;
import org.skyhold.persistence.db.Database;
import org.skyhold.persistence.db.EmbeddedPostgres;
import org.skyhold.persistence.db.SchemaMigrator;
import org.skyhold.persistence.repo.JdbiMaintenanceLock;
import org.skyhold.persistence.repo.SecretNamesBackfill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Skyhold: the database (embedded or external), the schema, the repositories, the web server. This
 * is the only place where the parts are wired together. {@link #close()} stops them in reverse order.
 */
public final class Skyhold implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Skyhold.class);

    private final EmbeddedPostgres embedded;
    private final Database database;
    private final Repositories repositories;
    private final WebApp.Built web;
    private final URI publicUrl;
    private final String installationId;
    private final Engine engine;
    private final Retention retention;
    private final DailyRetention dailyRetention;
    private boolean closed;

    private Skyhold(EmbeddedPostgres embedded, Database database, Repositories repositories, WebApp.Built web,
                    URI publicUrl, String installationId, Engine engine, Retention retention,
                    DailyRetention dailyRetention) {
        this.embedded = embedded;
        this.database = database;
        this.repositories = repositories;
        this.web = web;
        this.publicUrl = publicUrl;
        this.installationId = installationId;
        this.engine = engine;
        this.retention = retention;
        this.dailyRetention = dailyRetention;
    }

    /**
     * Starts everything and logs {@code Skyhold ready on URL in N ms}, counting from {@code startedAtMillis}.
     *
     * @throws ConfigException naming the variable when a setting cannot be used
     * @throws IllegalStateException with a one-line reason for any other failure (a failed migration, say)
     */
    public static Skyhold start(Config config, long startedAtMillis) {
        return start(config, startedAtMillis, Clock.systemUTC());
    }

    /** As {@link #start(Config, long)}, with the engine's time from {@code clock} (tests step it by hand). */
    public static Skyhold start(Config config, long startedAtMillis, Clock clock) {
        EmbeddedPostgres embedded = null;
        Database database = null;
        Engine engine = null;
        try {
            if (config.embeddedDatabase()) {
                embedded = startEmbedded(config);
                database = Database.connect(embedded.jdbcUrl(), embedded.user(), embedded.password(), 20);
            } else {
                database = connectExternal(config);
            }
            SchemaMigrator.migrate(database.dataSource());
            SecretCipher cipher = new AesGcmSecretCipher(MasterKey.load(config.masterKey(), config.dataDir()));
            Repositories repositories = Repositories.create(database.jdbi(), cipher);
            String installationId = repositories.installation().idOrCreate(newInstallationId());
            verifyMasterKey(database, cipher, config);
            fillSecretNames(database, cipher);

            Database db = database;
            AtomicReference<String> publicUrl = new AtomicReference<>();
            engine = new Engine(repositories, installationId, publicUrl::get, config.managerId(), clock,
                    HaltOnFailpoint.of(config.failpoints()), config.recovery());
            WebApp.Built web = Wiring.web(config, repositories, db::isHealthy, publicUrl::get, engine, clock);
            startWeb(web.app(), config);
            publicUrl.set(config.publicUrl(web.app().port()).toString());
            engine.start();
            Retention retention = new Retention(repositories.events(), repositories.webSessions(),
                    new JdbiMaintenanceLock(database.jdbi()), Duration.ofDays(config.eventRetentionDays()));
            Skyhold skyhold = new Skyhold(embedded, database, repositories, web, URI.create(publicUrl.get()),
                    installationId, engine, retention, new DailyRetention(retention, clock));
            skyhold.dailyRetention.start();
            LOG.info("Skyhold ready on {}://{}:{} in {} ms", config.tls() == null ? "http" : "https", config.bind(),
                    web.app().port(), System.currentTimeMillis() - startedAtMillis);
            return skyhold;
        } catch (RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            if (database != null) {
                database.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** Rows written before {@code secret_names} existed get their names once, so reading them opens nothing. */
    private static void fillSecretNames(Database database, SecretCipher cipher) {
        SecretNamesBackfill.Result r = SecretNamesBackfill.run(database.jdbi(), cipher);
        if (r.filled() > 0 || r.unopenable() > 0) {
            LOG.info("Secret names recorded for {} stored providers; {} providers' secrets do not open with this "
                    + "key and are left as they are", r.filled(), r.unopenable());
        }
    }

    /** A manager whose key cannot open the installation's secrets stops here instead of failing every request. */
    private static void verifyMasterKey(Database database, SecretCipher cipher, Config config) {
        try {
            new MasterKeyCheck(database.jdbi(), cipher).verify();
        } catch (MasterKeyCheck.WrongMasterKeyException e) {
            String source = config.masterKey() != null ? "this SKYHOLD_MASTER_KEY"
                    : "the key generated in " + config.dataDir().resolve("master.key");
            throw new ConfigException("SKYHOLD_MASTER_KEY", source + " does not open the secrets stored in this "
                    + "database; every manager sharing a database needs the same key (set SKYHOLD_MASTER_KEY to the "
                    + "first manager's key on all of them)");
        }
    }

    private static EmbeddedPostgres startEmbedded(Config config) {
        try {
            return EmbeddedPostgres.start(config.dataDir().resolve("pg"), true);
        } catch (RuntimeException e) {
            throw new ConfigException("SKYHOLD_DATA_DIR", "the embedded PostgreSQL in " + config.dataDir().resolve("pg")
                    + " did not start: " + e.getMessage());
        }
    }

    private static Database connectExternal(Config config) {
        try {
            return Database.connect(config.databaseUrl(), config.databaseUser(),
                    config.databasePassword() == null ? null : config.databasePassword().reveal(), 20);
        } catch (IllegalStateException e) {
            throw new ConfigException("SKYHOLD_DATABASE_URL", "cannot connect to " + config.databaseUrl() + ": "
                    + e.getMessage());
        }
    }

    private static void startWeb(Javalin web, Config config) {
        try {
            web.start(config.bind(), config.port());
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t != null && !(t instanceof BindException)) {
                t = t.getCause();
            }
            if (t != null) {
                throw new ConfigException("SKYHOLD_PORT", "cannot listen on " + config.bind() + ":" + config.port()
                        + " (" + t.getMessage() + ")");
            }
            throw e;
        }
    }

    private static String newInstallationId() {
        return org.skyhold.app.auth.Tokens.randomId(12);
    }

    public int port() {
        return web.app().port();
    }

    public URI publicUrl() {
        return publicUrl;
    }

    public String installationId() {
        return installationId;
    }

    /** Every route the app serves, with its access rule (for tests and the OpenAPI document). */
    public java.util.List<org.skyhold.app.web.RouteInfo> routes() {
        return web.routes().table();
    }

    /** Javalin's own view of what is registered, to check that nothing bypassed the route table. */
    public Javalin javalin() {
        return web.app();
    }

    public Engine engine() {
        return engine;
    }

    public Repositories repositories() {
        return repositories;
    }

    /** What is kept and for how long; pruned daily (tests call {@link Retention#prune} themselves). */
    public Retention retention() {
        return retention;
    }

    /** Stops the web server, the engine (releasing its leases), the pool, the embedded PostgreSQL. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Skyhold stopping");
        web.app().stop();
        dailyRetention.close();
        engine.close();
        database.close();
        if (embedded != null) {
            embedded.close();
        }
        LOG.info("Skyhold stopped");
    }
}
