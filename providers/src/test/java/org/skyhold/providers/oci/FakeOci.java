package org.skyhold.providers.oci;

import static org.skyhold.providers.oci.FakeOciJson.array;
import static org.skyhold.providers.oci.FakeOciJson.error;
import static org.skyhold.providers.oci.FakeOciJson.notFound;
import static org.skyhold.providers.oci.FakeOciJson.ok;
import static org.skyhold.providers.oci.FakeOciJson.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.skyhold.providers.CloudInit;
import org.skyhold.providers.FaultSteering;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;
import org.skyhold.providers.oci.FakeOciJson.Answer;

/**
 * A stateful stand-in for the OCI APIs Skyhold calls (Compute, VirtualNetwork and Identity under
 * {@code /20160918/}, DNS under {@code /20180115/}) on 127.0.0.1, for tests. Every request must carry a valid
 * {@code Authorization: Signature} made with the private half of the key it was started with (checked by
 * {@link SignatureCheck}); any other is refused with 401 {@code NotAuthenticated}. It keeps instances with their
 * VNICs, availability domains, shapes, images, subnets and DNS zones with their A records; answers in OCI's JSON
 * (camelCase) and error shapes ({@code {"code", "message"}} with an {@code opc-request-id} header); pages its
 * listings through {@code opc-next-page}; honours {@code opc-retry-token} (a repeated launch returns the first
 * instance); and can be told to fail the next calls of an operation with any status, code and message.
 *
 * <p>A launched instance is PROVISIONING with a private IP only; {@link #boot} (or {@link #bootAfter}) makes it
 * RUNNING and gives its VNIC a public IP when the subnet allows one; {@link #runUserData} does what cloud-init would
 * with a startup script whose check-in is a {@code curl -X POST} line. A terminated instance is TERMINATING until
 * {@link #settle}.
 */
public final class FakeOci implements AutoCloseable, FaultSteering {
    public static final String TENANCY = OciFields.TENANCY.example();
    public static final String USER = OciFields.USER.example();
    public static final String FINGERPRINT = OciFields.FINGERPRINT.example();
    public static final String COMPARTMENT = OciFields.COMPARTMENT.example();
    public static final String AD = OciFields.AVAILABILITY_DOMAIN.example();
    public static final String IMAGE = OciFields.IMAGE.example();
    public static final String SUBNET = OciFields.SUBNET.example();
    public static final String FLEX_SHAPE = "VM.Standard.E4.Flex";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the fake received it; {@code operation} is OCI's name for it (LaunchInstance, ...). */
    public record Call(String operation, String method, String path, Map<String, String> query, JsonNode body,
                       Map<String, String> headers, boolean authenticated) {
    }

    /** An A record. */
    public record Rec(String zone, String domain, String rdata, int ttl) {
    }

    /** An instance as the fake keeps it; {@code launch} is the LaunchInstance body exactly as sent. */
    public static final class Instance {
        public final String id;
        public final JsonNode launch;
        public final String retryToken;
        final long launchedNanos = System.nanoTime();
        final String vnicId;
        final String privateIp;
        public volatile String state = "PROVISIONING";
        public volatile String publicIp;

        Instance(String id, JsonNode launch, String retryToken, String vnicId, String privateIp) {
            this.id = id;
            this.launch = launch;
            this.retryToken = retryToken;
            this.vnicId = vnicId;
            this.privateIp = privateIp;
        }

        public Map<String, String> tags() {
            Map<String, String> out = new LinkedHashMap<>();
            launch.path("freeformTags").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }

        public String userData() {
            return new String(Base64.getDecoder().decode(launch.path("metadata").path("user_data").asText("")),
                    StandardCharsets.UTF_8);
        }
    }

    private record Shape(String name, boolean flexible, int ocpus, int memoryGb, int gpus) {
    }

    static {
        // answer headers and body go out in two writes; without this Nagle's algorithm holds every answer ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final SignatureCheck signatures;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Faults faults = Faults.byName();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Instance> byToken = new HashMap<>();
    private final List<String> ads = new ArrayList<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final List<String> images = new ArrayList<>();
    private final Map<String, Boolean> subnets = new LinkedHashMap<>();
    private final FakeOciDns dns = new FakeOciDns();
    private Duration bootAfter;
    private int instanceLimit = 50;
    private int maxPerPage = 100;
    private int next = 1;

    private FakeOci(String keyId, PublicKey key) {
        this.signatures = new SignatureCheck(keyId, key);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** An empty tenancy that accepts requests signed by the API key {@link #TENANCY}/{@link #USER}/{@link #FINGERPRINT}. */
    public static FakeOci start(PublicKey key) {
        return new FakeOci(TENANCY + "/" + USER + "/" + FINGERPRINT, key);
    }

    /**
     * The tenancy of the kind's example settings: ADs {@link #AD} and its -AD-2 sibling, the flexible shape
     * {@link #FLEX_SHAPE} (2 vCPUs per OCPU) and the fixed VM.GPU.A10.1 (15 OCPUs, 240 GB, 1 GPU), the image
     * {@link #IMAGE}, the public subnet {@link #SUBNET} and the DNS zones example.com and agents.example.com's
     * neighbour other.example.com in {@link #COMPARTMENT}.
     */
    public FakeOci sampleAccount() {
        synchronized (this) {
            ads.add(AD);
            ads.add(AD.replace("-AD-1", "-AD-2"));
            shapes.put(FLEX_SHAPE, new Shape(FLEX_SHAPE, true, 1, 16, 0));
            shapes.put("VM.GPU.A10.1", new Shape("VM.GPU.A10.1", false, 15, 240, 1));
            images.add(IMAGE);
            subnets.put(SUBNET, true);
        }
        zone("example.com");
        zone("other.example.com");
        return this;
    }

    /** The base URL to put in a provider's {@code endpoint_override}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- seeding and steering ----

    public synchronized FakeOci availabilityDomain(String name) {
        ads.add(name);
        return this;
    }

    public synchronized FakeOci subnet(String id, boolean publicIpAllowed) {
        subnets.put(id, publicIpAllowed);
        return this;
    }

    /** Adds a primary DNS zone to {@link #COMPARTMENT}. */
    public synchronized FakeOci zone(String name) {
        dns.add(name, COMPARTMENT);
        return this;
    }

    /** Live instances beyond this many are refused with 400 LimitExceeded. */
    public synchronized FakeOci instanceLimit(int n) {
        instanceLimit = n;
        return this;
    }

    /** Listings answer at most this many items a page. */
    public synchronized FakeOci maxPerPage(int n) {
        maxPerPage = n;
        return this;
    }

    /** From now on an instance boots by itself this long after its launch (read on the next request). */
    public synchronized FakeOci bootAfter(Duration d) {
        bootAfter = d;
        return this;
    }

    /** The faults scripted for this fake, by OCI operation name ({@code LaunchInstance}, ...). */
    @Override
    public Faults faults() {
        return faults;
    }

    /** The instance is RUNNING; its VNIC gets a public IP when its subnet allows one and the launch did not refuse. */
    public synchronized void boot(String id) {
        Instance i = instances.get(id);
        if (i != null && i.state.equals("PROVISIONING")) {
            i.state = "RUNNING";
            boolean allowed = subnets.getOrDefault(i.launch.path("createVnicDetails").path("subnetId").asText(), false);
            if (allowed && i.launch.path("createVnicDetails").path("assignPublicIp").asBoolean(true)) {
                i.publicIp = "130.61." + (i.privateIp.hashCode() & 0x7f) + "." + i.privateIp.split("\\.")[3];
            }
        }
    }

    /** Every TERMINATING instance is TERMINATED. */
    public synchronized void settle() {
        instances.values().stream().filter(i -> i.state.equals("TERMINATING")).forEach(i -> i.state = "TERMINATED");
    }

    // ---- looking ----

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<Call> calls(String operation) {
        return calls().stream().filter(c -> c.operation().equals(operation)).toList();
    }

    public synchronized List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    public synchronized Optional<Instance> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    /** Instances not TERMINATED. */
    public synchronized List<Instance> live() {
        return instances.values().stream().filter(i -> !i.state.equals("TERMINATED")).toList();
    }

    /** The A records of a zone, by name. */
    public synchronized List<Rec> records(String zone) {
        return List.copyOf(dns.records(dns.zone(zone).orElseThrow()));
    }

    /**
     * Runs the check-in of an instance's startup script as cloud-init would: the first {@code curl ... -X POST}
     * line of its base64-decoded {@code user_data}, with its headers and {@code -d} body. Returns the HTTP status.
     */
    public int runUserData(String id) {
        return CloudInit.runCheckin(instance(id).orElseThrow().userData(), id);
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
            String method = ex.getRequestMethod();
            URI uri = ex.getRequestURI();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            String problem = signatures.problem(method, target, headers::get, raw);
            Map<String, String> query = query(uri.getRawQuery());
            JsonNode body = raw.length == 0 ? MissingNode.getInstance() : JSON.readTree(raw);
            String path = uri.getPath();
            String operation = FakeOciRoutes.operation(method, path);
            calls.add(new Call(operation, method, path, query, body, headers, problem == null));
            Fault f = problem == null ? faults.take(operation) : null;
            if (Faults.hold(f)) {
                return; // held past the client's patience, or reset: the connection closes without an answer
            }
            Answer answer;
            boolean drop = false;
            synchronized (this) {
                if (problem != null) {
                    answer = error(401, "NotAuthenticated", "The required information to complete authentication "
                            + "was not provided or was incorrect.", null);
                } else if (Faults.isError(f)) {
                    answer = error(f.status(), f.code(), f.message(), f.retryAfterSeconds());
                } else {
                    autoBoot();
                    answer = answer(operation, method, path, query, body, headers);
                    drop = Faults.dropsAnswer(f, answer.status());
                }
            }
            if (drop) {
                return; // the exchange closes without a status line: the client sees the connection end
            }
            byte[] bytes = answer.body() == null ? new byte[0] : JSON.writeValueAsBytes(answer.body());
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.getResponseHeaders().set("opc-request-id", UUID.randomUUID().toString().replace("-", "").toUpperCase());
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

    private void autoBoot() {
        if (bootAfter != null) {
            long due = System.nanoTime() - bootAfter.toNanos();
            List.copyOf(instances.values()).stream().filter(i -> i.launchedNanos <= due).forEach(i -> boot(i.id));
        }
    }

    private Answer answer(String op, String method, String path, Map<String, String> q, JsonNode body,
                          Map<String, String> headers) {
        String[] p = path.split("/");
        return switch (op) {
            case "LaunchInstance" -> launch(body, headers.get("opc-retry-token"));
            case "GetInstance" -> instanceAnswer(p[3]);
            case "ListInstances" -> page(instances.values().stream()
                    .filter(i -> i.launch.path("compartmentId").asText().equals(q.get("compartmentId")))
                    .map(this::instanceJson).toList(), q);
            case "TerminateInstance" -> terminate(p[3], q);
            case "ListVnicAttachments" -> page(instances.values().stream()
                    .filter(i -> i.id.equals(q.get("instanceId")) && !i.state.equals("TERMINATED"))
                    .map(FakeOciJson::attachmentJson).toList(), q);
            case "GetVnic" -> vnic(p[3]);
            case "GetUser" -> p[3].equals(USER) ? ok(JSON.createObjectNode().put("id", USER).put("name", "skyhold-api")
                    .put("compartmentId", TENANCY).put("lifecycleState", "ACTIVE")) : notFound();
            case "ListAvailabilityDomains" -> ok(array(ads.stream().map(a -> (JsonNode) JSON.createObjectNode()
                    .put("name", a).put("id", "ocid1.availabilitydomain.oc1..aaaaaaaa" + a.hashCode())
                    .put("compartmentId", TENANCY)).toList()));
            case "ListShapes" -> ads.contains(q.get("availabilityDomain")) && images.contains(q.get("imageId"))
                    ? page(shapes.values().stream().map(s -> FakeOciJson.shapeJson(s.name(), s.ocpus(), s.memoryGb(),
                            s.gpus(), s.flexible())).toList(), q)
                    : error(400, "InvalidParameter", "Unknown availability domain or image.", null);
            case "GetImage" -> images.contains(p[3]) ? ok(JSON.createObjectNode().put("id", p[3])
                    .put("compartmentId", COMPARTMENT).put("displayName", "agent-image")
                    .put("lifecycleState", "AVAILABLE").put("operatingSystem", "Oracle Linux")) : notFound();
            case "GetSubnet" -> subnets.containsKey(p[3]) ? ok(JSON.createObjectNode().put("id", p[3])
                    .put("compartmentId", COMPARTMENT).put("cidrBlock", "10.0.0.0/24")
                    .put("prohibitPublicIpOnVnic", !subnets.get(p[3])).put("lifecycleState", "AVAILABLE")
                    .put("vcnId", "ocid1.vcn.oc1.eu-frankfurt-1.aaaaaaaafakevcn00000001")) : notFound();
            case "ListZones" -> page(dns.inCompartment(q.getOrDefault("compartmentId", "")).stream()
                    .map(z -> (JsonNode) FakeOciDns.summary(z)).toList(), q);
            case "UpdateRRSet", "DeleteRRSet", "GetZoneRecords" -> FakeOciRoutes.dns(this, op, p, q, body);
            default -> error(404, "NotFound", "No such operation: " + method + " " + path, null);
        };
    }

    FakeOciDns dns() {
        return dns;
    }

    private Answer launch(JsonNode body, String token) {
        Instance earlier = token == null ? null : byToken.get(token);
        if (earlier != null) {
            return earlier.launch.equals(body) ? ok(instanceJson(earlier))
                    : error(409, "Conflict", "The retry token was used for a different request.", null);
        }
        String problem = FakeOciRoutes.launchProblem(body, ads, images, subnets.keySet(), shapes.keySet(),
                shapes.containsKey(body.path("shape").asText()) && shapes.get(body.path("shape").asText()).flexible());
        if (problem != null) {
            return problem.startsWith("404 ") ? notFound() : error(400, "InvalidParameter", problem, null);
        }
        if (live().size() >= instanceLimit) {
            return error(400, "LimitExceeded", "You have reached the service limit for instances of this shape in "
                    + "this availability domain.", null);
        }
        int n = next++;
        Instance i = new Instance("ocid1.instance.oc1.eu-frankfurt-1.aaaaaaaafakeinst" + String.format("%08d", n),
                body, token, "ocid1.vnic.oc1.eu-frankfurt-1.aaaaaaaafakevnic" + String.format("%08d", n),
                "10.0.0." + (n % 250 + 2));
        instances.put(i.id, i);
        faults.created(i.tags().get("skyhold-agent"), (int) instances.values().stream().filter(v -> v.state.equals("PROVISIONING")
                || v.state.equals("RUNNING")).count());
        if (token != null) {
            byToken.put(token, i);
        }
        return new Answer(200, instanceJson(i), Map.of("etag", "\"1\"", "opc-work-request-id",
                "ocid1.coreservicesworkrequest.oc1..aaaa" + n));
    }

    private Answer instanceAnswer(String id) {
        Instance i = instances.get(id);
        return i == null ? notFound() : ok(instanceJson(i));
    }

    private Answer terminate(String id, Map<String, String> q) {
        Instance i = instances.get(id);
        if (i == null || i.state.equals("TERMINATED")) {
            return notFound();
        }
        if (!"false".equals(q.get("preserveBootVolume"))) {
            return error(400, "InvalidParameter", "The test fake expects preserveBootVolume=false.", null);
        }
        i.state = "TERMINATING";
        return new Answer(204, null, Map.of());
    }

    private Answer vnic(String id) {
        for (Instance i : instances.values()) {
            if (i.vnicId.equals(id)) {
                ObjectNode v = JSON.createObjectNode().put("id", id).put("privateIp", i.privateIp)
                        .put("isPrimary", true).put("lifecycleState", "AVAILABLE")
                        .put("subnetId", i.launch.path("createVnicDetails").path("subnetId").asText());
                if (i.publicIp != null) {
                    v.put("publicIp", i.publicIp);
                }
                return ok(v);
            }
        }
        return notFound();
    }

    JsonNode instanceJson(Instance i) {
        ObjectNode o = JSON.createObjectNode();
        JsonNode l = i.launch;
        o.put("id", i.id).put("compartmentId", l.path("compartmentId").asText())
                .put("availabilityDomain", l.path("availabilityDomain").asText())
                .put("displayName", l.path("displayName").asText()).put("shape", l.path("shape").asText())
                .put("lifecycleState", i.state).put("region", "eu-frankfurt-1")
                .put("imageId", l.path("sourceDetails").path("imageId").asText())
                .put("timeCreated", "2026-12-01T08:00:00.000Z");
        o.set("freeformTags", l.path("freeformTags").isMissingNode() ? JSON.createObjectNode() : l.get("freeformTags"));
        o.set("metadata", l.path("metadata").isMissingNode() ? JSON.createObjectNode() : l.get("metadata"));
        o.set("sourceDetails", l.path("sourceDetails"));
        Shape s = shapes.get(l.path("shape").asText());
        if (s != null) {
            double ocpus = s.flexible() ? l.path("shapeConfig").path("ocpus").asDouble() : s.ocpus();
            double memory = s.flexible() ? l.path("shapeConfig").path("memoryInGBs").asDouble(ocpus * s.memoryGb())
                    : s.memoryGb();
            o.putObject("shapeConfig").put("ocpus", ocpus).put("memoryInGBs", memory).put("vcpus", (int) (ocpus * 2))
                    .put("gpus", s.gpus());
        }
        return o;
    }

    Answer page(List<JsonNode> all, Map<String, String> q) {
        return FakeOciJson.page(all, q, maxPerPage);
    }
}
