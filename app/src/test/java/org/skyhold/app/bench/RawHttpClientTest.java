package org.skyhold.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The placement benchmark's HTTP client against real servers: the JDK's HTTP server (fixed-length, chunked,
 * bodiless and closing answers, one connection per client port so keep-alive shows), Jetty through Javalin (what
 * the benchmark talks to), and a bare socket that hangs up without answering.
 */
class RawHttpClientTest {
    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Starts the JDK's server; each handler answers after the request's body and headers are recorded. */
    private InetSocketAddress jdkServer(Map<String, Answer> routes) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        routes.forEach((path, answer) -> server.createContext(path, exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                    + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(body, StandardCharsets.UTF_8));
            answer.answer(exchange, body);
        }));
        server.start();
        return server.getAddress();
    }

    private interface Answer {
        void answer(HttpExchange exchange, byte[] requestBody) throws IOException;
    }

    private static RawHttpClient client(InetSocketAddress address, String path) {
        return new RawHttpClient(address, "POST", path, 5_000, "Authorization: Bearer sk_test",
                "Content-Type: application/json");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fixedLengthAnswersComeBackWholeOverOneKeptAliveConnection() throws IOException {
        InetSocketAddress address = jdkServer(Map.of("/echo", (exchange, body) -> {
            byte[] out = bytes("{\"echo\":" + new String(body, StandardCharsets.UTF_8) + "}");
            exchange.sendResponseHeaders(201, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        }));
        try (RawHttpClient http = client(address, "/echo")) {
            for (int i = 1; i <= 3; i++) {
                RawHttpClient.Response r = http.send(bytes("{\"user\":\"u" + i + "\"}"));
                assertThat(r.status()).isEqualTo(201);
                assertThat(r.chunked()).isFalse();
                assertThat(r.bodyText()).isEqualTo("{\"echo\":{\"user\":\"u" + i + "\"}}");
            }
            assertThat(http.connections()).isEqualTo(1);
        }
        assertThat(clientPorts).hasSize(1);
        assertThat(received).containsExactly("POST Bearer sk_test application/json {\"user\":\"u1\"}",
                "POST Bearer sk_test application/json {\"user\":\"u2\"}",
                "POST Bearer sk_test application/json {\"user\":\"u3\"}");
    }

    @Test
    void chunkedAnswersLargerThanTheReadBufferAreReassembledAndTheConnectionKept() throws IOException {
        String big = "x".repeat(40_000) + "end";
        InetSocketAddress address = jdkServer(Map.of("/chunked", (exchange, body) -> {
            exchange.sendResponseHeaders(200, 0); // 0: length unknown, so the JDK server chunks
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < big.length(); i += 7_000) {
                    out.write(bytes(big.substring(i, Math.min(big.length(), i + 7_000))));
                    out.flush();
                }
            }
        }));
        try (RawHttpClient http = client(address, "/chunked")) {
            for (int i = 0; i < 2; i++) {
                RawHttpClient.Response r = http.send(bytes("{}"));
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.chunked()).isTrue();
                assertThat(r.bodyText()).isEqualTo(big);
            }
            assertThat(http.connections()).isEqualTo(1);
        }
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void aBodilessAnswerIsFollowedByTheNextOnTheSameConnection() throws IOException {
        InetSocketAddress address = jdkServer(Map.of("/none", (exchange, body) -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }));
        try (RawHttpClient http = client(address, "/none")) {
            assertThat(http.send(bytes("{}")).status()).isEqualTo(204);
            RawHttpClient.Response second = http.send(bytes("{}"));
            assertThat(second.status()).isEqualTo(204);
            assertThat(second.bodyLength()).isZero();
            assertThat(http.connections()).isEqualTo(1);
        }
    }

    @Test
    void afterConnectionCloseTheNextRequestOpensANewConnection() throws IOException {
        InetSocketAddress address = jdkServer(Map.of("/close", (exchange, body) -> {
            exchange.getResponseHeaders().set("Connection", "close");
            byte[] out = bytes("bye");
            exchange.sendResponseHeaders(503, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        }));
        try (RawHttpClient http = client(address, "/close")) {
            for (int i = 0; i < 3; i++) {
                RawHttpClient.Response r = http.send(bytes("{}"));
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.bodyText()).isEqualTo("bye");
            }
            assertThat(http.connections()).isEqualTo(3);
        }
        assertThat(clientPorts).hasSize(3);
    }

    @Test
    void aConnectionEndingWithoutAnAnswerFailsThatRequestOnlyAndTheNextReconnects() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread fake = new Thread(() -> {
                try {
                    try (Socket first = listener.accept()) {
                        first.getInputStream().read(new byte[4096]); // the request, then hang up without a word
                    }
                    try (Socket second = listener.accept()) {
                        second.getInputStream().read(new byte[4096]);
                        second.getOutputStream().write(bytes("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"));
                        second.getInputStream().read(); // until the client closes
                    }
                } catch (IOException e) {
                    // the test's assertions report what went wrong
                }
            });
            fake.start();
            try (RawHttpClient http = client((InetSocketAddress) listener.getLocalSocketAddress(), "/x")) {
                assertThatThrownBy(() -> http.send(bytes("{}"))).isInstanceOf(IOException.class)
                        .hasMessageContaining("without an answer");
                RawHttpClient.Response r = http.send(bytes("{}"));
                assertThat(r.status()).isEqualTo(201);
                assertThat(r.bodyText()).isEqualTo("ok");
                assertThat(http.connections()).isEqualTo(2);
            }
            fake.join(5_000);
        }
    }

    @Test
    void jettyAnswersFixedAndChunkedAreReadWholeOnOneConnection() throws IOException {
        byte[] big = bytes("y".repeat(100_000));
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
        app.post("/json", ctx -> ctx.status(201).json(Map.of("id", "s-" + ctx.body().length(), "agent_id", "a1")));
        // a stream of unknown length, larger than Jetty's output buffer: Jetty sends it chunked
        app.post("/stream", ctx -> ctx.result((InputStream) new ByteArrayInputStream(big)));
        app.start("127.0.0.1", 0);
        try (RawHttpClient json = client(new InetSocketAddress("127.0.0.1", app.port()), "/json");
             RawHttpClient stream = client(new InetSocketAddress("127.0.0.1", app.port()), "/stream")) {
            for (int i = 0; i < 3; i++) {
                RawHttpClient.Response r = json.send(bytes("{\"n\":" + i + "}"));
                assertThat(r.status()).isEqualTo(201);
                assertThat(r.bodyText()).contains("\"id\":\"s-7\"", "\"agent_id\":\"a1\"");
                assertThat(PlacementLoad.placement(r)).isTrue();
                RawHttpClient.Response s = stream.send(bytes("{}"));
                assertThat(s.status()).isEqualTo(200);
                assertThat(s.chunked()).isTrue();
                assertThat(s.bodyText()).isEqualTo(new String(big, StandardCharsets.UTF_8));
            }
            assertThat(json.connections()).isEqualTo(1);
            assertThat(stream.connections()).isEqualTo(1);
        } finally {
            app.stop();
        }
    }

    @Test
    void aPlacedAnswerNeedsAWholeJsonObjectWithAnIdAndAnAgent() {
        assertThat(PlacementLoad.placement(
                answer("{\"id\":\"s1\",\"zone_id\":3,\"agent_id\":\"a1\",\"x\":{\"id\":1}}"))).isTrue();
        assertThat(PlacementLoad.placement(answer("{\"id\":\"s1\",\"agent_id\":null}"))).isFalse();
        assertThat(PlacementLoad.placement(answer("{\"id\":\"s1\"}"))).isFalse();
        assertThat(PlacementLoad.placement(answer("{\"id\":\"\",\"agent_id\":\"a1\"}"))).isFalse();
        assertThat(PlacementLoad.placement(answer("{\"id\":\"s1\",\"agent_id\":\"a1\""))).as("cut short").isFalse();
        assertThat(PlacementLoad.placement(answer("{\"id\":\"s1\",\"agent_id\":\"a1\"}HTTP/1.1 201")))
                .as("run into the next answer").isFalse();
        assertThat(PlacementLoad.placement(answer("[{\"id\":\"s1\",\"agent_id\":\"a1\"}]"))).isFalse();
        // an agent id nested in another field is not the session's
        assertThat(PlacementLoad.placement(answer("{\"id\":\"s1\",\"x\":{\"agent_id\":\"a1\"}}"))).isFalse();
    }

    private static RawHttpClient.Response answer(String body) {
        byte[] b = bytes(body);
        return new RawHttpClient.Response(201, b, b.length, false);
    }
}
