package org.skyhold.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.skyhold.providers.CloudInit;
import org.skyhold.providers.FaultSteering;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;
import org.skyhold.providers.gcp.FakeGcpJson.Answer;

/**
 * A stateful stand-in for the Google APIs Skyhold calls, on 127.0.0.1, for tests: the OAuth token endpoint
 * ({@code /token}, see {@link FakeGcpToken}), Compute Engine under {@code /compute/v1/projects/} (see
 * {@link FakeGcpCompute} and {@link FakeGcpOperations}) and Cloud DNS under {@code /dns/v1/projects/} (see
 * {@link FakeGcpDns}). API calls must carry a bearer token the token endpoint issued, else 401; answers and errors
 * are in Google's JSON shapes; gzip request bodies are read. It can be told to fail the next calls of a method with
 * any status, reason and message, or to fail insert operations with an operation error code.
 *
 * <p>An inserted instance is PROVISIONING with an internal IP; {@link #boot} makes it RUNNING with an external IP
 * when it asked for one; {@link #runUserData} does what the guest environment would with its {@code startup-script}
 * whose check-in is a {@code curl -X POST} line. A deleted instance is STOPPING until {@link #settle} removes it.
 */
public final class FakeGcp implements AutoCloseable, FaultSteering {
    public static final String PROJECT = GcpFields.PROJECT.example();
    public static final String ZONE = GcpFields.ZONE.example();
    public static final String REGION = GcpFields.REGION.example();
    public static final String IMAGE = GcpFields.IMAGE.example();

    /** A request as the fake received it; {@code method} is Google's name for it ({@code instances.insert}). */
    public record Call(String method, String httpMethod, String path, Map<String, String> query, JsonNode body,
                       Map<String, String> headers, boolean authenticated) {
    }

    static {
        // answer headers and body go out in two writes; without this Nagle's algorithm holds every answer ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final FakeGcpToken token;
    private final FakeGcpOperations operations;
    private final FakeGcpCompute compute;
    private final FakeGcpDns dns = new FakeGcpDns(PROJECT);
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Faults faults = Faults.byName();
    private int natIps = 1;

    private FakeGcp(PublicKey key, String clientEmail) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        token = new FakeGcpToken(key, clientEmail);
        operations = new FakeGcpOperations(endpoint());
        compute = new FakeGcpCompute(PROJECT, operations, faults);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** An empty project {@link #PROJECT} whose token endpoint accepts JWTs of {@code clientEmail} signed by its key. */
    public static FakeGcp start(PublicKey key, String clientEmail) {
        return new FakeGcp(key, clientEmail);
    }

    /**
     * The project of the kind's example settings: machine types n1-standard-8 (8 vCPUs, 30 GB) and g2-standard-8
     * (8 vCPUs, 32 GB, one built-in L4) in {@link #ZONE}, the image {@link #IMAGE} and the family
     * {@code agent}, the networks vdi and default, the subnetwork vdi-agents of {@link #REGION}, and the
     * managed zones example.com and other.example.com.
     */
    public synchronized FakeGcp sampleProject() {
        compute.machineTypes.put("n1-standard-8", new FakeGcpCompute.MachineType("n1-standard-8", 8, 30720, 0));
        compute.machineTypes.put("g2-standard-8", new FakeGcpCompute.MachineType("g2-standard-8", 8, 32768, 1));
        compute.images.add(IMAGE);
        compute.images.add("projects/" + PROJECT + "/global/images/family/agent");
        compute.networks.add("vdi");
        compute.networks.add("default");
        compute.subnetworks.add(REGION + "/vdi-agents");
        dns.addZone("example.com");
        dns.addZone("other.example.com");
        return this;
    }

    /** The base URL to put in a provider's {@code endpoint_override}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where the service-account key's {@code token_uri} must point. */
    public String tokenUri() {
        return endpoint() + "/token";
    }

    // ---- steering ----

    /** The faults scripted for this fake, by Google's method name ({@code instances.insert}, {@code token}). */
    @Override
    public Faults faults() {
        return faults;
    }

    /** The next insert is accepted, and its operation ends in this error; no instance is made. */
    public synchronized void failNextInsertOperation(String code, String message, int httpStatus) {
        compute.insertFailures.add(new FakeGcpOperations.Failure(code, message, httpStatus));
    }

    /** Every insert's operation ends in this error until {@link #heal}. */
    public synchronized void failInsertOperationsAlways(String code, String message, int httpStatus) {
        compute.insertFailureAlways = new FakeGcpOperations.Failure(code, message, httpStatus);
    }

    @Override
    public synchronized void heal() {
        faults.heal();
        compute.insertFailures.clear();
        compute.insertFailureAlways = null;
    }

    /** FakeGcpInstances beyond this many end their insert operation in QUOTA_EXCEEDED. */
    public synchronized FakeGcp instanceLimit(int n) {
        compute.instanceLimit = n;
        return this;
    }

    /** Listings answer at most this many items a page. */
    public synchronized FakeGcp maxPerPage(int n) {
        compute.maxPerPage = n;
        dns.maxPerPage = n;
        return this;
    }

    /** Adds a managed zone for {@code dnsName} (no trailing dot). */
    public synchronized FakeGcp managedZone(String dnsName) {
        dns.addZone(dnsName);
        return this;
    }

    /** The instance is RUNNING, with an external IP when its insert asked for an access config. */
    public synchronized void boot(String name) {
        instance(name).filter(i -> i.status.equals("PROVISIONING")).ifPresent(i -> {
            i.status = "RUNNING";
            if (i.insert.path("networkInterfaces").path(0).path("accessConfigs").size() > 0) {
                i.natIp = "34.90." + (natIps / 250) + "." + (natIps++ % 250 + 1);
            }
        });
    }

    /** Every STOPPING instance is deleted. */
    public synchronized void settle() {
        compute.instances.values().removeIf(i -> i.status.equals("STOPPING"));
    }

    // ---- looking ----

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<Call> calls(String method) {
        return calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Every instance the project has (any state). */
    public synchronized List<FakeGcpInstance> instances() {
        return compute.live();
    }

    public synchronized Optional<FakeGcpInstance> instance(String name) {
        return compute.instances.values().stream().filter(i -> i.name.equals(name)).findFirst();
    }

    /** The record sets of a managed zone (by DNS name, no trailing dot). */
    public synchronized List<FakeGcpDns.RecordSet> records(String dnsName) {
        return List.copyOf(dns.records.get(dnsName.replace('.', '-')).values());
    }

    /**
     * Runs the check-in of an instance's {@code startup-script} metadata as the guest environment would: the first
     * {@code curl ... -X POST} line with its headers and {@code -d} body. Returns the HTTP status.
     */
    public int runUserData(String name) {
        return CloudInit.runCheckin(instance(name).orElseThrow().metadata().get("startup-script"), name);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- the API ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] raw = ex.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                raw = new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes();
            }
            URI uri = ex.getRequestURI();
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            Map<String, String> query = FakeGcpJson.query(uri.getRawQuery());
            String path = uri.getPath();
            boolean isToken = path.equals("/token");
            JsonNode body = raw.length == 0 || isToken ? MissingNode.getInstance() : FakeGcpJson.JSON.readTree(raw);
            String method = isToken ? "token" : route(ex.getRequestMethod(), path);
            boolean authenticated = isToken || token.accepts(headers.get("authorization"));
            calls.add(new Call(method, ex.getRequestMethod(), path, query, body, headers, authenticated));
            Fault f = isToken || authenticated ? faults.take(method) : null;
            if (Faults.hold(f)) {
                return; // held past the client's patience, or reset: the connection closes without an answer
            }
            Answer answer;
            synchronized (this) {
                if (isToken) {
                    answer = Faults.isError(f) ? FakeGcpJson.error(f.status(), f.code(), f.message(), null)
                            : token.grant(new String(raw, StandardCharsets.UTF_8), tokenUri());
                } else if (!authenticated) {
                    answer = FakeGcpJson.error(401, "authError", "Request had invalid authentication credentials. "
                            + "Expected OAuth 2 access token, login cookie or other valid authentication credential.",
                            null);
                } else if (Faults.isError(f)) {
                    answer = FakeGcpJson.error(f.status(), f.code(), f.message(), f.retryAfterSeconds());
                } else if (path.startsWith("/compute/v1/projects/")) {
                    answer = compute.answer(method, path.substring(21).split("/"), query, body);
                } else if (path.startsWith("/dns/v1/projects/")) {
                    answer = dns.answer(method, path.substring(17).split("/"), query, body);
                } else {
                    answer = FakeGcpJson.error(404, "notFound", "No such path: " + path, null);
                }
                if (Faults.dropsAnswer(f, answer.status())) {
                    return; // the exchange closes without a status line: the client sees the connection end
                }
            }
            byte[] bytes = answer.body() == null ? new byte[0] : FakeGcpJson.JSON.writeValueAsBytes(answer.body());
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            answer.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private static String route(String httpMethod, String path) {
        if (path.startsWith("/compute/v1/projects/")) {
            return FakeGcpCompute.operation(httpMethod, path.substring(21).split("/"));
        }
        if (path.startsWith("/dns/v1/projects/")) {
            return FakeGcpDns.operation(httpMethod, path.substring(17).split("/"));
        }
        return "unknown";
    }
}
