package org.skyhold.providers.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.skyhold.providers.CloudInit;
import org.skyhold.providers.FaultSteering;
import org.skyhold.providers.Faults;
import org.skyhold.providers.Faults.Fault;
import org.skyhold.providers.azure.FakeArm.Answer;

/**
 * A stateful stand-in for the parts of Azure Skyhold calls, on one HTTPS port of 127.0.0.1 with the certificate of
 * {@link TestTls}: Entra ID's token endpoint ({@link FakeAzureToken}) and Resource Manager's Compute
 * ({@link FakeAzureCompute}), Network ({@link FakeAzureNetwork}) and DNS ({@link FakeAzureDns}) under
 * {@code /subscriptions/...}. Resource Manager refuses a request without a token the token endpoint issued (401
 * {@code InvalidAuthenticationToken}). Every call is recorded under an operation name ({@code PutVm},
 * {@code DeleteNic}, ...), and the next calls of an operation can be told to fail with any status, code, message
 * and {@code Retry-After}.
 */
public final class FakeAzure implements AutoCloseable, FaultSteering {
    public static final String SUBSCRIPTION = AzureFields.SUBSCRIPTION.example();
    public static final String TENANT = AzureFields.TENANT.example();
    public static final String CLIENT_ID = AzureFields.CLIENT_ID.example();
    public static final String GROUP = AzureFields.RESOURCE_GROUP.example();
    public static final String SUBNET = AzureFields.SUBNET.example();

    /** A request as the fake received it. */
    public record Call(String operation, String method, String path, Map<String, String> query, JsonNode body,
                       Map<String, String> headers) {
    }

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpsServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final FakeAzureToken token;
    private final FakeAzureNetwork network = new FakeAzureNetwork(SUBSCRIPTION, GROUP);
    private final Faults faults = Faults.byName();
    private final FakeAzureCompute compute = new FakeAzureCompute(network, SUBSCRIPTION, GROUP, faults);
    private final FakeAzureDns dns = new FakeAzureDns(SUBSCRIPTION, GROUP);
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private Duration bootAfter;
    private int perPage = 100;

    private FakeAzure(String clientSecret) {
        this.token = new FakeAzureToken(TENANT, CLIENT_ID, clientSecret);
        try {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext()));
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /**
     * The subscription of the kinds' example settings, whose service principal has this secret: the sizes
     * Standard_NV6ads_A10_v5 (6 vCPUs, 55 GB, 1 GPU) and Standard_D4s_v5 in westeurope, the example's Ubuntu image
     * and a gallery image, the example subnet and NSG, and the DNS zones example.com and other.example.com.
     */
    public static FakeAzure start(String clientSecret) {
        FakeAzure f = new FakeAzure(clientSecret);
        synchronized (f) {
            f.compute.skus.put("Standard_NV6ads_A10_v5", new FakeAzureCompute.Sku("Standard_NV6ads_A10_v5", 6, 55, 1));
            f.compute.skus.put("Standard_D4s_v5", new FakeAzureCompute.Sku("Standard_D4s_v5", 4, 16, 0));
            f.compute.images.add("Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2");
            f.compute.images.add("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/images/providers/"
                    + "Microsoft.Compute/galleries/vdi/images/agent/versions/1.0.0");
            f.network.subnets.add(SUBNET);
            f.network.nsgs.add(f.network.nsgId(AzureFields.NSG.example()));
            f.dns.zone("example.com");
            f.dns.zone("other.example.com");
        }
        return f;
    }

    /** The base URL to put in a provider's {@code endpoint_override}. */
    public String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- steering ----

    /** The faults scripted for this fake, by operation name ({@code PutVm}, {@code DeleteVm}, {@code Token}). */
    @Override
    public Faults faults() {
        return faults;
    }

    /** The subscription's regional vCPU quota; a VM beyond it is refused with OperationNotAllowed. */
    public synchronized FakeAzure coreQuota(int cores) {
        compute.coreQuota = cores;
        return this;
    }

    public synchronized FakeAzure perPage(int n) {
        perPage = n;
        return this;
    }

    /** From now on a VM boots by itself this long after its PUT (looked at on each request). */
    public synchronized FakeAzure bootAfter(Duration d) {
        bootAfter = d;
        return this;
    }

    /** The VM has been provisioned and runs; its public IP gets its address. */
    public synchronized void boot(String vm) {
        FakeAzureCompute.Vm v = compute.vms.get(vm);
        if (v != null && "Creating".equals(v.provisioningState)) {
            v.provisioningState = "Succeeded";
            v.power = "running";
            network.assignAddress(v.nicConfig().path("name").asText());
        }
    }

    /** Azure gave up on the VM after accepting it (e.g. {@code AllocationFailed}): it is left in Failed state. */
    public synchronized void failProvisioning(String vm, String code, String message) {
        FakeAzureCompute.Vm v = compute.vms.get(vm);
        v.provisioningState = "Failed";
        v.power = "stopped";
        v.failureCode = code;
        v.failureMessage = message;
    }

    /** Every deleting VM is gone, with the resources its request said to delete along with it. */
    public synchronized void settle() {
        compute.settle();
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

    public synchronized List<FakeAzureCompute.Vm> vms() {
        return List.copyOf(compute.vms.values());
    }

    public synchronized Optional<FakeAzureCompute.Vm> vm(String name) {
        return Optional.ofNullable(compute.vms.get(name));
    }

    public synchronized List<String> nics() {
        return List.copyOf(network.nics.keySet());
    }

    public synchronized List<String> publicIps() {
        return List.copyOf(network.ips.keySet());
    }

    /** The public IP resource's address, or null. */
    public synchronized String address(String publicIp) {
        FakeAzureNetwork.PublicIp ip = network.ips.get(publicIp);
        return ip == null ? null : ip.address;
    }

    public synchronized List<String> disks() {
        return List.copyOf(compute.disks.keySet());
    }

    public synchronized List<FakeAzureDns.RecordSet> records(String zone) {
        return dns.records(zone);
    }

    /** Runs the check-in line of a VM's custom data, as cloud-init would; the HTTP status. */
    public int runCustomData(String vm) {
        return CloudInit.runCheckin(vm(vm).orElseThrow().customData(), vm);
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
            URI uri = ex.getRequestURI();
            String method = ex.getRequestMethod();
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            Map<String, String> query = FakeArm.query(uri.getRawQuery());
            String path = uri.getPath();
            String[] p = path.split("/");
            String operation = FakeAzureRoutes.operation(method, p);
            boolean form = headers.getOrDefault("content-type", "").startsWith("application/x-www-form-urlencoded");
            JsonNode body = raw.length == 0 || form ? MissingNode.getInstance() : FakeArm.JSON.readTree(raw);
            calls.add(new Call(operation, method, path, query, body, headers));
            Fault f = faults.take(operation);
            if (Faults.hold(f)) {
                return; // held past the client's patience, or reset: the connection closes without an answer
            }
            Answer answer;
            synchronized (this) {
                if (Faults.isError(f)) {
                    answer = FakeArm.error(f.status(), f.code(), f.message(), f.retryAfterSeconds());
                } else if (operation.equals("Token")) {
                    answer = token.token(p[1], FakeArm.query(new String(raw, StandardCharsets.UTF_8)));
                } else if (!token.valid(headers.get("authorization"))) {
                    answer = FakeArm.error(401, "InvalidAuthenticationToken", "The access token is invalid.");
                } else {
                    autoBoot();
                    String self = endpoint() + uri.getRawPath() + (uri.getRawQuery() == null ? ""
                            : "?" + uri.getRawQuery().replaceAll("&?\\$skiptoken=\\d+", ""));
                    answer = FakeAzureRoutes.answer(operation, p, query, body, endpoint(), self, perPage, compute,
                            network, dns);
                }
            }
            if (Faults.dropsAnswer(f, answer.status())) {
                return; // carried out, but the connection closes before the answer
            }
            byte[] bytes = answer.body() == null ? new byte[0] : FakeArm.JSON.writeValueAsBytes(answer.body());
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
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
            compute.vms.values().stream().filter(v -> v.createdNanos <= due).map(v -> v.name).toList()
                    .forEach(this::boot);
        }
    }
}
