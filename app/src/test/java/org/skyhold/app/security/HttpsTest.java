package org.skyhold.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyhold.app.TestApp;
import org.skyhold.app.api.ApiClient;
import org.skyhold.app.fixtures.SampleSettings;
import org.skyhold.app.fixtures.TestPki;
import org.skyhold.domain.engine.AgentTokens;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;

/** With a certificate and key, Skyhold serves its pages and the agents' check-in over a real TLS connection. */
class HttpsTest {
    static TestApp app;
    static HttpClient https;
    static HttpClient trustsNothing;
    static int redirectPort;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        KeyPair pair = TestPki.rsa();
        String certPem = TestPki.certificatePem(pair, "localhost", "127.0.0.1");
        Path dir = Files.createTempDirectory("skyhold-tls");
        Path cert = Files.writeString(dir.resolve("cert.pem"), certPem);
        Path key = Files.writeString(dir.resolve("key.pem"), TestPki.privateKeyPem(pair));
        redirectPort = freePort();
        var env = TestApp.env(TestApp.newDataDir());
        env.put("SKYHOLD_TLS_CERT_FILE", cert.toString());
        env.put("SKYHOLD_TLS_KEY_FILE", key.toString());
        env.put("SKYHOLD_HTTP_REDIRECT_PORT", Integer.toString(redirectPort));
        app = TestApp.start(env);
        base = "https://127.0.0.1:" + app.skyhold.port();
        https = HttpClient.newBuilder().sslContext(trusting(certPem)).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        trustsNothing = HttpClient.newBuilder().sslContext(SSLContext.getDefault()).build();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static SSLContext trusting(String certPem) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("skyhold", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return https.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    @Test
    void pagesAreServedOverHttpsWithHstsAndSecureCookies() throws Exception {
        HttpResponse<String> login = send(request("/login").GET());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).startsWith("TLSv1."));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");

        HttpResponse<String> signedIn = send(request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + URLEncoder.encode(TestApp.ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&next=/")));
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("; Secure").contains("; HttpOnly");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> home = send(request("/").header("Cookie", cookie).GET());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<form");
        assertThat(app.skyhold.publicUrl().getScheme()).isEqualTo("https");
    }

    @Test
    void anAgentChecksInOverHttpsAndGetsItsZonesCertificate() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + TestApp.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> zone = send(request("/api/v1/zones").header("Authorization", basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        ApiClient.JSON.writeValueAsString(Map.of("name", "tls-zone",
                                "base_domain_name", SampleSettings.BASE_DOMAIN, "nginx_cert", SampleSettings.NGINX_CERT,
                                "nginx_key", SampleSettings.NGINX_KEY)))));
        assertThat(zone.statusCode()).as(zone.body()).isEqualTo(201);
        long zoneId = ApiClient.JSON.readTree(zone.body()).get("id").asLong();
        HttpResponse<String> provider = send(request("/api/v1/zones/" + zoneId + "/vm-providers")
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"simulated\",\"name\":\"sim\",\"enabled\":false}")));
        assertThat(provider.statusCode()).as(provider.body()).isEqualTo(201);
        long providerId = ApiClient.JSON.readTree(provider.body()).get("id").asLong();
        var now = Instant.now();
        app.skyhold.repositories().agents().insertUnderCap(new Agent("agtlsover01", zoneId, providerId, true,
                "skyhold-agtlsover01", AgentState.STARTING, "i-1", null, null, "10.9.9.1", null, Capacity.ZERO, now,
                now, null, null, null, null), 10, AgentTokens.hash("tls-one-time-token"));

        HttpResponse<String> checkIn = send(request("/api/v1/agent/checkin")
                .header("Authorization", "Bearer tls-one-time-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"cores\":4,\"gpus\":0,\"memory_mb\":2048,\"nginx_tls\":true}")));

        assertThat(checkIn.statusCode()).as(checkIn.body()).isEqualTo(200);
        JsonNode answer = ApiClient.JSON.readTree(checkIn.body());
        assertThat(answer.get("nginx_key").asText()).isEqualTo(SampleSettings.NGINX_KEY);
        assertThat(answer.get("heartbeat_url").asText()).startsWith("https://");
    }

    @Test
    void plainHttpOnTheRedirectPortIsSentToHttps() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + redirectPort + "/zones?x=1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(308);
        assertThat(r.headers().firstValue("Location")).contains(app.skyhold.publicUrl() + "/zones?x=1");
        assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedTheHandshake() {
        assertThatThrownBy(() -> trustsNothing.send(request("/login").GET().build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }
}
