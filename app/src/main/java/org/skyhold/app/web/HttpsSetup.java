package org.skyhold.app.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.skyhold.app.auth.Tokens;
import org.skyhold.app.config.Config;
import org.skyhold.app.config.ConfigException;
import org.skyhold.app.settings.Pems;

/**
 * Skyhold serving HTTPS itself: Jetty's SSL connector (through Javalin's connector hook) with the operator's PEM
 * certificate chain and key, {@code Strict-Transport-Security} on every HTTPS answer, and, when a redirect port is
 * set, a plain-HTTP connector whose every request is sent to the same path over HTTPS.
 */
public final class HttpsSetup {
    private static final String HSTS = "max-age=31536000";

    private final KeyStore keyStore;
    private final String keyStorePassword = Tokens.random();
    private final String bind;
    private final int port;
    private final int redirectPort;
    private final Supplier<String> publicUrl;

    /**
     * Reads the PEM files now, so a bad file stops start-up naming its variable.
     *
     * @param publicUrl the https:// address redirects lead to (known once the server listens)
     * @throws ConfigException naming {@code SKYHOLD_TLS_CERT_FILE} or {@code SKYHOLD_TLS_KEY_FILE}
     */
    public HttpsSetup(Config.Tls tls, String bind, int port, int redirectPort, Supplier<String> publicUrl) {
        this.bind = bind;
        this.port = port;
        this.redirectPort = redirectPort;
        this.publicUrl = publicUrl;
        List<X509Certificate> chain = read("SKYHOLD_TLS_CERT_FILE", () -> Pems.certificates(text(tls.certFile())));
        PrivateKey key = read("SKYHOLD_TLS_KEY_FILE", () -> Pems.privateKey(text(tls.keyFile())));
        if (!Pems.keyMatches(key, chain.get(0))) {
            throw new ConfigException("SKYHOLD_TLS_KEY_FILE", "is not the key of the first certificate in "
                    + tls.certFile());
        }
        try {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("skyhold", key, keyStorePassword.toCharArray(),
                    chain.toArray(new X509Certificate[0]));
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("SKYHOLD_TLS_KEY_FILE", "cannot be used for TLS: " + e.getMessage());
        }
    }

    /** Adds the HTTPS connector (first, so it is the port Javalin reports) and the redirect connector, if any. */
    public void configure(JavalinConfig config) {
        config.jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(keyStore);
            ssl.setKeyStorePassword(keyStorePassword);
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            HttpConfiguration https = new HttpConfiguration(httpConfig);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // agents and scripts often reach Skyhold by IP or by a name the certificate does not list first
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
            connector.setHost(bind);
            connector.setPort(port);
            return connector;
        });
        if (redirectPort != 0) {
            config.jetty.addConnector((server, httpConfig) -> {
                ServerConnector plain = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                plain.setHost(bind);
                plain.setPort(redirectPort);
                return plain;
            });
        }
    }

    /** Runs before every request: plain HTTP is redirected to HTTPS, HTTPS answers carry HSTS. */
    public void before(Context ctx) {
        if (ctx.req().isSecure()) {
            ctx.header("Strict-Transport-Security", HSTS);
            return;
        }
        String query = ctx.queryString();
        ctx.redirect(publicUrl.get() + ctx.path() + (query == null ? "" : "?" + query),
                HttpStatus.PERMANENT_REDIRECT);
        ctx.skipRemainingHandlers();
    }

    private interface Reader<T> {
        T read() throws IOException;
    }

    private static <T> T read(String variable, Reader<T> reader) {
        try {
            return reader.read();
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(variable, e.getMessage());
        }
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file);
    }
}
