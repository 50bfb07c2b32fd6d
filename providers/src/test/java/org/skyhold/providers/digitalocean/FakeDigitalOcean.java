package org.skyhold.providers.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;

/**
 * A stateful stand-in for the DigitalOcean API v2 on 127.0.0.1, for tests: it checks the bearer token, keeps
 * droplets, tags, SSH keys, firewalls, regions, sizes, images, VPCs, domains and records, pages its listings
 * through {@code links.pages.next} like the real API, sends {@code ratelimit-*} headers, answers in the shapes of
 * DigitalOcean's API reference, and can be told to fail the next matching requests with any status (429 with a
 * {@code ratelimit-reset}). It validates what the real API validates where Skyhold depends on it: a firewall can
 * only be given a tag that exists, a droplet create names a known region, size, image, SSH key and VPC, stays
 * within the droplet limit and sends at most 64 KiB of user data.
 *
 * <p>Droplets are created {@code new} without addresses; {@link #boot} makes one {@code active} with a public and
 * a private IPv4 address, and {@link #runStartupScript} does what cloud-init would with a startup script whose
 * check-in is a {@code curl -X POST} line: it sends that request.
 */
public final class FakeDigitalOcean implements AutoCloseable {
    public static final String TOKEN = "dop_v1_fake0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAG_NAME = Pattern.compile("^[A-Za-z0-9:_-]{1,255}$");
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3}\\.){3}\\d{1,3}$");

    /** A request as the fake received it. */
    public record Seen(String method, String path, Map<String, String> query, JsonNode body) {
    }

    /** A droplet as the fake keeps it; {@code body} is the create request exactly as sent. */
    public static final class Droplet {
        public final long id;
        public final JsonNode body;
        public final List<String> tags;
        public volatile String status = "new";
        public volatile String publicIp;
        public volatile String privateIp;

        Droplet(long id, JsonNode body, List<String> tags) {
            this.id = id;
            this.body = body;
            this.tags = List.copyOf(tags);
        }

        public String userData() {
            return body.path("user_data").asText();
        }
    }

    /** An A (or other) record of a domain. */
    public record Rec(long id, String domain, String type, String name, String data, int ttl) {
    }

    private record Firewall(String id, String name, List<String> tags) {
    }

    private record Size(String slug, int vcpus, int memory, int gpus) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final String token;
    private final Clock clock;
    private final Map<Long, Droplet> droplets = new LinkedHashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final Map<Long, String> keys = new LinkedHashMap<>();
    private final List<Firewall> firewalls = new ArrayList<>();
    private final Set<String> regions = new LinkedHashSet<>();
    /** Regions that exist but take no new droplets now (DigitalOcean's "Region is not available"). */
    private final Set<String> unavailableRegions = new LinkedHashSet<>();
    private final Map<String, Size> sizes = new LinkedHashMap<>();
    private final Map<String, Long> images = new LinkedHashMap<>();
    private final Map<String, String> vpcs = new LinkedHashMap<>();
    private final Set<String> domains = new LinkedHashSet<>();
    private final Map<Long, Rec> records = new LinkedHashMap<>();
    private final Faults faults = Faults.byPrefix();
    private final List<Seen> seen = new ArrayList<>();
    private long nextId = 310_000_001L;
    private int addresses;
    private int dropletLimit = 25;
    private int maxPerPage = 200;
    private long remaining = 5000;

    static {
        // without it every small answer waits for the client's delayed ACK (Nagle), ~40 ms a request;
        // read once, when the JDK's server first starts
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeDigitalOcean(String token, Clock clock) {
        this.token = token;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** An empty account that accepts {@link #TOKEN}; {@code clock} sets the rate limit's reset times. */
    public static FakeDigitalOcean start(Clock clock) {
        return new FakeDigitalOcean(TOKEN, clock);
    }

    /** An empty account that accepts {@code token}. */
    public static FakeDigitalOcean start(String token, Clock clock) {
        return new FakeDigitalOcean(token, clock);
    }

    /**
     * The account Skyhold's sample settings describe: region fra1, size s-4vcpu-8gb (4 vCPUs, 8192 MB), image
     * ubuntu-24-04-x64, SSH key "ops", firewall "agents-fw", VPC 5a4981aa-9653-4bd1-bef5-d6bff52042e4 in fra1 and
     * the domain example.com.
     */
    public FakeDigitalOcean sampleAccount() {
        region("fra1").region("nyc3").size("s-4vcpu-8gb", 4, 8192, 0).size("gpu-h100x1-80gb", 20, 245_760, 1)
                .image("ubuntu-24-04-x64").vpc("5a4981aa-9653-4bd1-bef5-d6bff52042e4", "fra1")
                .domain("example.com");
        sshKey("ops");
        firewall("agents-fw");
        return this;
    }

    /** The base URL, without {@code /v2}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- seeding ----

    public synchronized FakeDigitalOcean region(String slug) {
        regions.add(slug);
        return this;
    }

    /** The region exists but refuses new droplets, as a sold-out region does, until {@code available} again. */
    public synchronized FakeDigitalOcean regionAvailable(String slug, boolean available) {
        if (available) {
            unavailableRegions.remove(slug);
        } else {
            unavailableRegions.add(slug);
        }
        return this;
    }

    public synchronized FakeDigitalOcean size(String slug, int vcpus, int memoryMb, int gpus) {
        sizes.put(slug, new Size(slug, vcpus, memoryMb, gpus));
        return this;
    }

    /** An image by slug, or by id when {@code slugOrId} is a number. */
    public synchronized FakeDigitalOcean image(String slugOrId) {
        images.put(slugOrId, slugOrId.matches("\\d+") ? Long.parseLong(slugOrId) : nextId++);
        return this;
    }

    public synchronized FakeDigitalOcean vpc(String uuid, String region) {
        vpcs.put(uuid, region);
        return this;
    }

    public synchronized FakeDigitalOcean domain(String name) {
        domains.add(name);
        return this;
    }

    public synchronized FakeDigitalOcean tag(String name) {
        tags.add(name);
        return this;
    }

    /** Adds an SSH key; returns its id. */
    public synchronized long sshKey(String name) {
        long id = nextId++;
        keys.put(id, name);
        return id;
    }

    /** Adds a firewall; returns its id. */
    public synchronized String firewall(String name) {
        String id = UUID.randomUUID().toString();
        firewalls.add(new Firewall(id, name, new ArrayList<>()));
        return id;
    }

    /** Adds a record; returns its id. */
    public synchronized long record(String domain, String type, String name, String data) {
        long id = nextId++;
        records.put(id, new Rec(id, domain, type, name, data, 1800));
        return id;
    }

    public synchronized FakeDigitalOcean dropletLimit(int limit) {
        dropletLimit = limit;
        return this;
    }

    /** Caps every page of every listing at {@code n} items, so a few items span several pages. */
    public synchronized FakeDigitalOcean maxPerPage(int n) {
        maxPerPage = n;
        return this;
    }

    // ---- faults ----

    /**
     * The faults scripted for this fake. A key is a method and a path prefix under /v2 ({@code "POST /droplets"});
     * a throttling fault's {@code retryAfterSeconds} becomes DigitalOcean's {@code ratelimit-reset} (that many
     * seconds from the clock) with {@code ratelimit-remaining: 0}.
     */
    public Faults faults() {
        return faults;
    }

    /** The next {@code times} requests of {@code method} whose path starts with {@code pathPrefix} fail so. */
    public FakeDigitalOcean failNext(String method, String pathPrefix, int status, String id, String message,
                                     int times) {
        faults.next(method + " " + pathPrefix, Fault.error(status, id, message), times);
        return this;
    }

    /** The next matching request is carried out, but answered with {@code status}: an answer lost on its way. */
    public FakeDigitalOcean applyButFailNext(String method, String pathPrefix, int status) {
        faults.next(method + " " + pathPrefix, Fault.applyThenFail(status, "server_error",
                "Server was unable to give you a response."));
        return this;
    }

    /** The next {@code times} matching requests answer 429, the limit resetting {@code resetIn} from the clock. */
    public FakeDigitalOcean throttleNext(String method, String pathPrefix, Duration resetIn, int times) {
        faults.next(method + " " + pathPrefix, Fault.throttle(429, "too_many_requests", "API Rate limit exceeded.",
                (int) resetIn.toSeconds()), times);
        return this;
    }

    // ---- looking ----

    public synchronized List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** The requests of {@code method} whose path (under /v2) starts with {@code pathPrefix}. */
    public synchronized List<Seen> requests(String method, String pathPrefix) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().startsWith(pathPrefix)).toList();
    }

    /** The id of the SSH key named {@code name}. */
    public synchronized long sshKeyId(String name) {
        return keys.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow().getKey();
    }

    public synchronized List<Droplet> droplets() {
        return List.copyOf(droplets.values());
    }

    public synchronized Optional<Droplet> droplet(long id) {
        return Optional.ofNullable(droplets.get(id));
    }

    public synchronized Set<String> tags() {
        return Set.copyOf(tags);
    }

    public synchronized List<String> firewallTags(String name) {
        return firewalls.stream().filter(f -> f.name().equals(name)).findFirst().map(f -> List.copyOf(f.tags()))
                .orElseThrow();
    }

    public synchronized List<Rec> records(String domain) {
        return records.values().stream().filter(r -> r.domain().equals(domain)).toList();
    }

    // ---- the droplets' lives ----

    /** The droplet is up: {@code active}, with a public and a private IPv4 address. */
    public synchronized void boot(long id) {
        Droplet d = droplets.get(id);
        int n = ++addresses;
        d.publicIp = "203.0.113." + n;
        d.privateIp = "10.110.0." + (n + 1);
        d.status = "active";
    }

    public synchronized void powerOff(long id) {
        droplets.get(id).status = "off";
    }

    /**
     * What cloud-init does with the droplet's user data, for a script whose check-in is one line
     * {@code curl ... -X POST -H 'Name: value' ... -d '<body>' <url>}: sends that request.
     *
     * @return the HTTP status the check-in answered
     */
    public int runStartupScript(long id) {
        String script;
        synchronized (this) {
            script = droplets.get(id).userData();
        }
        String line = script.lines().filter(l -> l.trim().startsWith("curl") && l.contains("POST")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no curl POST in the user data of droplet " + id));
        Matcher url = Pattern.compile("(https?://\\S+)\\s*$").matcher(line);
        Matcher body = Pattern.compile("-d '([^']*)'").matcher(line);
        if (!url.find()) {
            throw new IllegalStateException("no URL at the end of: " + line);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.group(1))).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body.find() ? body.group(1) : ""));
        Matcher header = Pattern.compile("-H '([^:']+):\\s*([^']*)'").matcher(line);
        while (header.find()) {
            request.header(header.group(1), header.group(2));
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- the API ----

    private record Answer(int status, JsonNode body, Map<String, String> headers) {
        Answer(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        Answer a;
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            Fault fault = path.startsWith("/v2/") ? faults.take(method + " " + path.substring(3)) : null;
            if (Faults.hold(fault)) {
                ex.close(); // held past the client's patience, or reset: no answer at all
                return;
            }
            a = answer(ex, fault);
            if (a == null) {
                ex.close(); // carried out, but the connection closes before the answer
                return;
            }
        } catch (RuntimeException | IOException e) {
            a = error(500, "server_error", "fake: " + e);
        }
        byte[] bytes = a.body() == null ? new byte[0] : JSON.writeValueAsBytes(a.body());
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    /** The answer under the fake's lock: null when the fault says to drop it. */
    private synchronized Answer answer(HttpExchange ex, Fault fault) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        byte[] raw = ex.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? MissingNode.getInstance() : JSON.readTree(raw);
        if (!path.startsWith("/v2/")) {
            return error(404, "not_found", "The resource you were accessing could not be found.");
        }
        String p = path.substring(3);
        seen.add(new Seen(method, p, query, body));
        if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return error(401, "Unauthorized", "Unable to authenticate you");
        }
        if (Faults.failsAfterApplying(fault)) {
            route(method, p, query, body);
            return limited(error(fault.status(), fault.code(), fault.message()));
        }
        if (Faults.isError(fault)) {
            if (fault.status() == 429) {
                remaining = 0;
                long reset = clock.instant().plusSeconds(fault.retryAfterSeconds() == null ? 60
                        : fault.retryAfterSeconds()).getEpochSecond();
                return new Answer(429, err(fault.code(), fault.message()), Map.of("ratelimit-limit", "5000",
                        "ratelimit-remaining", "0", "ratelimit-reset", Long.toString(reset)));
            }
            return limited(error(fault.status(), fault.code(), fault.message()));
        }
        if (remaining <= 1) {
            remaining = 5000; // a new hour
        }
        remaining--;
        Answer a = route(method, p, query, body);
        return Faults.dropsAnswer(fault, a.status()) ? null : limited(a);
    }

    private Answer limited(Answer a) {
        Map<String, String> h = new LinkedHashMap<>(a.headers());
        h.put("ratelimit-limit", "5000");
        h.put("ratelimit-remaining", Long.toString(remaining));
        h.put("ratelimit-reset", Long.toString(clock.instant().plusSeconds(60).getEpochSecond()));
        return new Answer(a.status(), a.body(), h);
    }

    private Answer route(String method, String p, Map<String, String> q, JsonNode body) {
        String[] s = p.substring(1).split("/");
        String key = method + " " + s[0] + (s.length > 1 ? "/{}" : "") + (s.length > 2 ? "/" + s[2] : "")
                + (s.length > 3 ? "/{}" : "");
        return switch (key) {
            case "GET account" -> ok(obj().set("account", obj().put("droplet_limit", dropletLimit)
                    .put("floating_ip_limit", 3).put("email", "ops@example.com").put("uuid", UUID.randomUUID()
                            .toString()).put("email_verified", true).put("status", "active").put("status_message", "")));
            case "GET account/{}" -> s[1].equals("keys") ? page(p, q, "ssh_keys", keys.entrySet().stream()
                    .map(k -> (JsonNode) obj().put("id", k.getKey()).put("name", k.getValue())
                            .put("fingerprint", "3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa")
                            .put("public_key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI " + k.getValue())).toList())
                    : notFound();
            case "GET regions" -> page(p, q, "regions", regions.stream().<JsonNode>map(r -> obj().put("slug", r)
                    .put("name", r.toUpperCase()).put("available", true).set("sizes", strings(sizes.keySet())))
                    .toList());
            case "GET sizes" -> page(p, q, "sizes", sizes.values().stream().map(this::sizeJson).toList());
            case "GET images/{}" -> images.containsKey(s[1]) || images.containsValue(parseLong(s[1]))
                    ? ok(obj().set("image", obj().put("id", images.getOrDefault(s[1], parseLong(s[1])))
                    .put("slug", s[1]).put("name", s[1]).put("public", true).put("type", "base"))) : notFound();
            case "GET vpcs/{}" -> vpcs.containsKey(s[1]) ? ok(obj().set("vpc", obj().put("id", s[1])
                    .put("name", "default-" + vpcs.get(s[1])).put("region", vpcs.get(s[1]))
                    .put("ip_range", "10.110.0.0/20").put("default", true))) : notFound();
            case "POST tags" -> createTag(body);
            case "GET firewalls" -> page(p, q, "firewalls", firewalls.stream().<JsonNode>map(f -> obj()
                    .put("id", f.id()).put("name", f.name()).put("status", "succeeded")
                    .<ObjectNode>set("inbound_rules", JSON.createArrayNode())
                    .<ObjectNode>set("outbound_rules", JSON.createArrayNode())
                    .<ObjectNode>set("droplet_ids", JSON.createArrayNode()).set("tags", strings(f.tags()))).toList());
            case "POST firewalls/{}/tags" -> tagFirewall(s[1], body);
            case "POST droplets" -> createDroplet(body);
            case "GET droplets" -> page(p, q, "droplets", droplets.values().stream()
                    .filter(d -> q.get("tag_name") == null || d.tags.contains(q.get("tag_name")))
                    .map(this::dropletJson).toList());
            case "GET droplets/{}" -> droplets.containsKey(parseLong(s[1]))
                    ? ok(obj().set("droplet", dropletJson(droplets.get(parseLong(s[1]))))) : notFound();
            case "DELETE droplets/{}" -> droplets.remove(parseLong(s[1])) != null ? new Answer(204, null) : notFound();
            case "GET domains" -> page(p, q, "domains", domains.stream().map(d -> (JsonNode) obj().put("name", d)
                    .put("ttl", 1800).put("zone_file", "")).toList());
            case "GET domains/{}/records" -> !domains.contains(s[1]) ? notFound() : page(p, q, "domain_records",
                    records.values().stream().filter(r -> r.domain().equals(s[1]))
                            .filter(r -> q.get("type") == null || r.type().equals(q.get("type")))
                            .filter(r -> q.get("name") == null || fqdn(r).equals(q.get("name")))
                            .map(this::recordJson).toList());
            case "POST domains/{}/records" -> createRecord(s[1], body);
            case "GET domains/{}/records/{}", "PUT domains/{}/records/{}", "DELETE domains/{}/records/{}" ->
                    recordById(method, s[1], parseLong(s[3]), body);
            default -> notFound();
        };
    }

    private Answer createTag(JsonNode body) {
        String name = body.path("name").asText("");
        if (!TAG_NAME.matcher(name).matches()) {
            return error(422, "unprocessable_entity", "name is invalid: tags may contain letters, numbers, colons, "
                    + "dashes, and underscores");
        }
        tags.add(name);
        return new Answer(201, obj().set("tag", obj().put("name", name).set("resources", obj().put("count", 0))));
    }

    private Answer tagFirewall(String id, JsonNode body) {
        Firewall fw = firewalls.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
        if (fw == null) {
            return notFound();
        }
        for (JsonNode t : body.path("tags")) {
            if (!tags.contains(t.asText())) {
                return error(422, "unprocessable_entity", "tag " + t.asText() + " does not exist");
            }
        }
        body.path("tags").forEach(t -> {
            if (!fw.tags().contains(t.asText())) {
                fw.tags().add(t.asText());
            }
        });
        return new Answer(204, null);
    }

    private Answer createDroplet(JsonNode b) {
        if (!b.path("name").asText("").matches("^[A-Za-z0-9.-]{1,255}$")) {
            return error(422, "unprocessable_entity", "Name is invalid: only letters, numbers, . and - are allowed");
        }
        if (!regions.contains(b.path("region").asText())) {
            return error(422, "unprocessable_entity", "You specified an invalid region for Droplet creation.");
        }
        if (unavailableRegions.contains(b.path("region").asText())) {
            return error(422, "unprocessable_entity", "Region is not available");
        }
        if (!sizes.containsKey(b.path("size").asText())) {
            return error(422, "unprocessable_entity", "You specified an invalid size for Droplet creation.");
        }
        JsonNode image = b.path("image");
        if (!(image.isTextual() && images.containsKey(image.asText()) || image.isNumber()
                && images.containsValue(image.asLong()))) {
            return error(422, "unprocessable_entity", "You specified an invalid image for Droplet creation.");
        }
        for (JsonNode k : b.path("ssh_keys")) {
            if (!k.isNumber() || !keys.containsKey(k.asLong())) {
                return error(422, "unprocessable_entity", "You specified an invalid ssh key id: " + k);
            }
        }
        if (b.hasNonNull("vpc_uuid") && !vpcs.containsKey(b.path("vpc_uuid").asText())) {
            return error(422, "unprocessable_entity", "The VPC specified is not valid.");
        }
        if (b.path("user_data").asText("").getBytes(StandardCharsets.UTF_8).length > 65_536) {
            return error(422, "unprocessable_entity", "user_data is too long: 64 KiB at most");
        }
        List<String> t = new ArrayList<>();
        for (JsonNode n : b.path("tags")) {
            if (!TAG_NAME.matcher(n.asText()).matches()) {
                return error(422, "unprocessable_entity", "tag name " + n.asText() + " is invalid");
            }
            t.add(n.asText());
        }
        if (droplets.size() >= dropletLimit) {
            return error(422, "unprocessable_entity", "creating this/these droplet(s) will exceed your droplet limit");
        }
        tags.addAll(t); // the real API creates a droplet's new tags with it
        Droplet d = new Droplet(nextId++, b.deepCopy(), t);
        droplets.put(d.id, d);
        faults.created(t.stream().filter(x -> x.startsWith("skyhold-agent:")).map(x -> x.substring(14)).findFirst()
                .orElse(null), droplets.size());
        ObjectNode answer = obj().set("droplet", dropletJson(d));
        answer.putObject("links").putArray("actions").addObject().put("id", nextId++).put("rel", "create")
                .put("href", url() + "/v2/actions/" + nextId);
        return new Answer(202, answer);
    }

    private Answer createRecord(String domain, JsonNode b) {
        if (!domains.contains(domain)) {
            return notFound();
        }
        if (!"A".equals(b.path("type").asText()) || !IPV4.matcher(b.path("data").asText()).matches()) {
            return error(422, "unprocessable_entity", "Data needs to be a valid IPv4 address for an A record");
        }
        String name = b.path("name").asText("");
        if (name.isEmpty() || name.endsWith("." + domain) || name.contains(" ")) {
            return error(422, "unprocessable_entity", "Name is invalid: give it relative to the domain");
        }
        int ttl = b.path("ttl").asInt(1800);
        if (ttl < 30) {
            return error(422, "unprocessable_entity", "TTL must be at least 30 seconds");
        }
        long id = nextId++;
        Rec r = new Rec(id, domain, "A", name, b.path("data").asText(), ttl);
        records.put(id, r);
        return new Answer(201, obj().set("domain_record", recordJson(r)));
    }

    private Answer recordById(String method, String domain, long id, JsonNode b) {
        Rec r = records.get(id);
        if (r == null || !r.domain().equals(domain)) {
            return notFound();
        }
        return switch (method) {
            case "GET" -> ok(obj().set("domain_record", recordJson(r)));
            case "DELETE" -> {
                records.remove(id);
                yield new Answer(204, null);
            }
            case "PUT" -> {
                Rec changed = new Rec(id, domain, r.type(), b.path("name").asText(r.name()),
                        b.path("data").asText(r.data()), b.path("ttl").asInt(r.ttl()));
                records.put(id, changed);
                yield ok(obj().set("domain_record", recordJson(changed)));
            }
            default -> notFound();
        };
    }

    private JsonNode dropletJson(Droplet d) {
        Size size = sizes.get(d.body.path("size").asText());
        ObjectNode o = obj().put("id", d.id).put("name", d.body.path("name").asText())
                .put("memory", size.memory()).put("vcpus", size.vcpus()).put("disk", 160).put("locked", false)
                .put("status", d.status).put("created_at", clock.instant().toString()).put("size_slug", size.slug());
        o.putObject("region").put("slug", d.body.path("region").asText()).put("available", true);
        o.putObject("image").put("slug", d.body.path("image").asText());
        ObjectNode networks = o.putObject("networks");
        ArrayNode v4 = networks.putArray("v4");
        networks.putArray("v6");
        if (d.privateIp != null) {
            v4.addObject().put("ip_address", d.privateIp).put("netmask", "255.255.240.0")
                    .put("gateway", "10.110.0.1").put("type", "private");
        }
        if (d.publicIp != null) {
            v4.addObject().put("ip_address", d.publicIp).put("netmask", "255.255.255.0")
                    .put("gateway", "203.0.113.1").put("type", "public");
        }
        o.set("tags", strings(d.tags));
        o.put("vpc_uuid", d.body.path("vpc_uuid").asText(vpcs.keySet().stream().findFirst().orElse("")));
        return o;
    }

    private JsonNode sizeJson(Size s) {
        ObjectNode o = obj().put("slug", s.slug()).put("memory", s.memory()).put("vcpus", s.vcpus())
                .put("disk", 160).put("transfer", 5.0).put("price_monthly", 48.0).put("available", true)
                .put("description", "Basic");
        o.set("regions", strings(regions));
        if (s.gpus() > 0) {
            o.putObject("gpu_info").put("count", s.gpus()).put("model", "nvidia_h100");
        }
        return o;
    }

    private JsonNode recordJson(Rec r) {
        return obj().put("id", r.id()).put("type", r.type()).put("name", r.name()).put("data", r.data())
                .putNull("priority").putNull("port").put("ttl", r.ttl()).putNull("weight").putNull("flags")
                .putNull("tag");
    }

    private static String fqdn(Rec r) {
        return "@".equals(r.name()) ? r.domain() : r.name() + "." + r.domain();
    }

    /** One page of a listing, with {@code links.pages} (first, prev, next, last) and {@code meta.total}. */
    private Answer page(String path, Map<String, String> q, String key, List<JsonNode> all) {
        int perPage = Math.min(Math.min(200, maxPerPage), (int) parseLong(q.getOrDefault("per_page", "20")));
        int page = Math.max(1, (int) parseLong(q.getOrDefault("page", "1")));
        int last = Math.max(1, (all.size() + perPage - 1) / perPage);
        ObjectNode o = obj();
        ArrayNode items = o.putArray(key);
        all.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(items::add);
        ObjectNode pages = o.putObject("links").putObject("pages");
        if (page > 1) {
            pages.put("first", link(path, q, 1, perPage)).put("prev", link(path, q, page - 1, perPage));
        }
        if (page < last) {
            pages.put("next", link(path, q, page + 1, perPage)).put("last", link(path, q, last, perPage));
        }
        o.putObject("meta").put("total", all.size());
        return ok(o);
    }

    private String link(String path, Map<String, String> q, int page, int perPage) {
        StringBuilder b = new StringBuilder(url() + "/v2" + path + "?page=" + page + "&per_page=" + perPage);
        q.forEach((k, v) -> {
            if (!k.equals("page") && !k.equals("per_page")) {
                b.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return b.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    private static ArrayNode strings(Iterable<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    private static Answer notFound() {
        return error(404, "not_found", "The resource you were accessing could not be found.");
    }

    private static Answer error(int status, String id, String message) {
        return new Answer(status, err(id, message));
    }

    private static ObjectNode err(String id, String message) {
        return obj().put("id", id).put("message", message);
    }
}
