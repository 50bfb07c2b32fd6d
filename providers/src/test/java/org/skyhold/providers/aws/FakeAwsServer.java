package org.skyhold.providers.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skyhold.providers.FaultSteering;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;

/**
 * What the fake EC2 and Route 53 share: an HTTP server on 127.0.0.1, a record of every request, scripted faults,
 * and the check AWS makes first: a SigV4 {@code Authorization} header whose credential scope names a known access
 * key, the region and the service (the signature itself is not recomputed).
 */
public abstract class FakeAwsServer implements AutoCloseable, FaultSteering {
    /** One request as it arrived. {@code params} holds the form body (EC2) or the query string (Route 53). */
    public record Call(String operation, String method, String path, Map<String, String> params, String body,
                       String accessKeyId, String region, String service) {
    }

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Faults faults = Faults.byName();
    private final Map<String, Duration> latency = new ConcurrentHashMap<>();
    private final Map<String, Integer> inFlightLimit = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mostInFlight = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> accepted = new ConcurrentHashMap<>();
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    private final String service;
    private volatile String accessKeyId = FakeAwsServer.ACCESS_KEY_ID;

    /** The access key every test config uses; the fakes refuse any other. */
    public static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    static {
        // answer headers and body go out in two writes; without this, Nagle's algorithm and the client's delayed
        // ACK hold every answer back some 40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    protected FakeAwsServer(String service) {
        this.service = service;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL to put in a config's {@code endpoint_override}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request so far, in order. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The requests of one operation (an EC2 Action, or a Route 53 operation name). */
    public List<Call> calls(String operation) {
        return calls().stream().filter(c -> c.operation().equals(operation)).toList();
    }

    public void clearCalls() {
        calls.clear();
    }

    /** The faults scripted for this fake, by operation (an EC2 Action, or a Route 53 operation name). */
    @Override
    public Faults faults() {
        return faults;
    }

    /** Every call of {@code operation} takes this long to answer (as a slow cloud API does). */
    public void latency(String operation, Duration d) {
        latency.put(operation, d);
    }

    /**
     * At most {@code n} calls of {@code operation} are served at once; one more is refused at once with HTTP 503
     * {@code RequestLimitExceeded}, as EC2 refuses a caller over its request rate.
     */
    public void limitInFlight(String operation, int n) {
        inFlightLimit.put(operation, n);
    }

    /** When (System.nanoTime) each successful answer to {@code operation} was sent, in order. */
    public List<Long> acceptedNanos(String operation) {
        List<Long> a = accepted.get(operation);
        if (a == null) {
            return List.of();
        }
        synchronized (a) {
            return List.copyOf(a);
        }
    }

    /** When (System.nanoTime) the first call of {@code operation} arrived, or -1. */
    public long firstArrivalNanos(String operation) {
        return firstArrival.getOrDefault(operation, -1L);
    }

    /** The most calls of {@code operation} that were being served at once. */
    public int mostInFlight(String operation) {
        AtomicInteger m = mostInFlight.get(operation);
        return m == null ? 0 : m.get();
    }

    /** The access key the fake accepts from now on (others get the service's auth error). */
    public void acceptOnly(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    /** The operation a request is for, from its method, path and parameters. */
    protected abstract String operation(String method, String path, Map<String, String> params);

    /** Answers a request; the fake's state is changed under the lock of this server. */
    protected abstract Answer answer(Call call);

    /** The error answer of this service for a code and message. */
    protected abstract String errorXml(String code, String message);

    /** This service's answer to an unknown access key. */
    protected abstract Answer authError();

    protected record Answer(int status, String xml, Integer retryAfterSeconds) {
        Answer(int status, String xml) {
            this(status, xml, null);
        }

        static Answer ok(String xml) {
            return new Answer(200, xml);
        }
    }

    protected Answer error(int status, String code, String message) {
        return new Answer(status, errorXml(code, message));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> params = new LinkedHashMap<>(form(ex.getRequestURI().getRawQuery()));
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
                params.putAll(form(body));
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            Matcher m = auth == null ? null : CREDENTIAL.matcher(auth);
            boolean signed = m != null && m.find();
            Call call = new Call(operation(method, path, params), method, path, params, body,
                    signed ? m.group(1) : null, signed ? m.group(2) : null, signed ? m.group(3) : null);
            calls.add(call);
            firstArrival.putIfAbsent(call.operation(), System.nanoTime());
            Answer answer;
            boolean[] dropAnswer = new boolean[1];
            Fault fault = faults.take(call.operation());
            if (Faults.hold(fault)) {
                return; // held past the client's patience, or reset: the connection closes without an answer
            }
            AtomicInteger flying = inFlight.computeIfAbsent(call.operation(), k -> new AtomicInteger());
            int now = flying.incrementAndGet();
            try {
                Integer limit = inFlightLimit.get(call.operation());
                if (limit != null && now > limit) {
                    answer = error(503, "RequestLimitExceeded", "Request limit exceeded.");
                } else {
                    mostInFlight.computeIfAbsent(call.operation(), k -> new AtomicInteger())
                            .accumulateAndGet(now, Math::max);
                    slow(call.operation());
                    answer = serve(call, signed, fault, dropAnswer);
                }
            } finally {
                flying.decrementAndGet();
            }
            if (dropAnswer[0]) {
                return; // closing the exchange without a status line: the client sees the connection end
            }
            byte[] bytes = answer.xml().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            if (answer.retryAfterSeconds() != null) {
                ex.getResponseHeaders().set("Retry-After", Integer.toString(answer.retryAfterSeconds()));
            }
            ex.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
            if (answer.status() == 200) {
                List<Long> a = accepted.computeIfAbsent(call.operation(), k -> new ArrayList<>());
                synchronized (a) {
                    a.add(System.nanoTime());
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private void slow(String operation) {
        Duration slow = latency.get(operation);
        if (slow != null) {
            try {
                Thread.sleep(slow.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The answer under the server's lock: auth first, then a scripted fault, then the service's own. */
    private synchronized Answer serve(Call call, boolean signed, Fault fault, boolean[] dropAnswer) {
        if (!signed || !call.accessKeyId().equals(accessKeyId) || !service.equals(call.service())) {
            return authError();
        }
        if (Faults.isError(fault)) {
            return new Answer(fault.status(), fault.code() == null ? "" : errorXml(fault.code(), fault.message()),
                    fault.retryAfterSeconds());
        }
        Answer answer = answer(call);
        dropAnswer[0] = Faults.dropsAnswer(fault, answer.status());
        return answer;
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Text escaped for XML. */
    protected static String x(Object value) {
        return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    protected static String requestId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
