package org.skyhold.providers.aws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small stateful EC2 on 127.0.0.1 that speaks the Query protocol as the SDK does: a form body with
 * {@code Action}, XML answers in the 2016-11-15 namespace, and the {@code <Response><Errors>} error document.
 * It implements what Skyhold calls (RunInstances, DescribeInstances, TerminateInstances, DescribeImages,
 * DescribeSubnets, DescribeSecurityGroups, DescribeInstanceTypes) with EC2's rules for them: client-token
 * idempotency, filters, paging by {@code MaxResults}/{@code NextToken}, dry runs, and the not-found errors.
 *
 * <p>The test drives the instances' lives: {@link #boot} makes one running with a public IP, {@link #runUserData}
 * does what its startup script would (the check-in call) and {@link #heartbeats} what its agent would,
 * {@link #settle} finishes terminations, {@link #hide} plays EC2's eventual consistency.
 */
public final class FakeEc2 extends FakeAwsServer {
    private static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    /** One instance as the fake holds it. */
    public static final class Instance {
        public final String id;
        public final String reservationId;
        public final String imageId;
        public final String instanceType;
        public final String clientToken;
        public final String privateIp;
        public final String subnetId;
        public final String keyName;
        public final List<String> securityGroupIds;
        public final Map<String, String> tags;
        public final Map<String, String> volumeTags;
        /** The user data, base64-decoded. */
        public final String userData;
        final Map<String, String> launchParams;
        final Instant launchTime;
        volatile String state = "pending";
        volatile String publicIp;
        volatile String heartbeatUrl;
        volatile String heartbeatToken;

        Instance(String id, Map<String, String> p, Map<String, String> tags, Map<String, String> volumeTags,
                 String userData, String privateIp, List<String> groups) {
            this.id = id;
            this.reservationId = "r-" + hex(17);
            this.imageId = p.get("ImageId");
            this.instanceType = p.get("InstanceType");
            this.clientToken = p.get("ClientToken");
            this.subnetId = p.get("SubnetId");
            this.keyName = p.get("KeyName");
            this.securityGroupIds = groups;
            this.tags = tags;
            this.volumeTags = volumeTags;
            this.userData = userData;
            this.privateIp = privateIp;
            this.launchParams = p;
            this.launchTime = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }

        public String state() {
            return state;
        }

        public String publicIp() {
            return publicIp;
        }
    }

    private record ImageInfo(String id, String rootDevice) {
    }

    private record TypeInfo(String type, int vcpus, long memoryMib, int gpus) {
    }

    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, ImageInfo> images = new LinkedHashMap<>();
    private final Set<String> subnets = new HashSet<>();
    private final Set<String> securityGroups = new HashSet<>();
    private final Map<String, TypeInfo> types = new LinkedHashMap<>();
    private final Set<String> hidden = new HashSet<>();
    private int pageSize = 1000;
    private Duration autoBoot;
    private final ScheduledExecutorService booter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-ec2-boots");
        t.setDaemon(true);
        return t;
    });
    private int ipCounter;
    private int publicCounter;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FakeEc2() {
        super("ec2");
    }

    // ---- the account's resources ----

    public synchronized FakeEc2 image(String amiId, String rootDeviceName) {
        images.put(amiId, new ImageInfo(amiId, rootDeviceName));
        return this;
    }

    public synchronized FakeEc2 subnet(String subnetId) {
        subnets.add(subnetId);
        return this;
    }

    public synchronized FakeEc2 securityGroup(String groupId) {
        securityGroups.add(groupId);
        return this;
    }

    public synchronized FakeEc2 instanceType(String type, int vcpus, long memoryMib, int gpus) {
        types.put(type, new TypeInfo(type, vcpus, memoryMib, gpus));
        return this;
    }

    /** EC2 answers at most this many instances per DescribeInstances page, whatever MaxResults asks. */
    public synchronized void pageSize(int n) {
        pageSize = n;
    }

    // ---- the instances' lives ----

    public synchronized List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    /** The instances not terminated. */
    public synchronized List<Instance> live() {
        return instances.values().stream().filter(i -> !i.state.equals("terminated")).toList();
    }

    public synchronized Optional<Instance> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    /** The instance is up: running, with a public IP. */
    public synchronized void boot(String id) {
        Instance i = instances.get(id);
        i.state = "running";
        i.publicIp = "203.0.113." + (++publicCounter % 250 + 1);
    }

    /** The instance is up, but has no public IP (a private subnet). */
    public synchronized void bootPrivate(String id) {
        instances.get(id).state = "running";
    }

    /**
     * A running instance without a public address gets one, as an instance does when an Elastic IP is associated
     * with it after boot: the engine must follow the address it learns after the agent already runs.
     */
    public synchronized String assignPublicIp(String id) {
        Instance i = instances.get(id);
        i.publicIp = "198.51.100." + (++publicCounter % 250 + 1);
        return i.publicIp;
    }

    /** Terminations finish: shutting-down instances are terminated. */
    public synchronized void settle() {
        instances.values().forEach(i -> {
            if (i.state.equals("shutting-down")) {
                i.state = "terminated";
                i.publicIp = null;
            }
        });
    }

    /** EC2 forgets the instance, as it does some time after termination: its id is then not found. */
    public synchronized void forget(String id) {
        instances.remove(id);
    }

    /** The instance exists but DescribeInstances and TerminateInstances do not know it yet. */
    public synchronized void hide(String id) {
        hidden.add(id);
    }

    public synchronized void reveal(String id) {
        hidden.remove(id);
    }

    /** Creates an instance as if some other tool had, with these tags. */
    public synchronized Instance launchedElsewhere(Map<String, String> tags) {
        Instance i = new Instance("i-" + hex(17), Map.of("ImageId", "ami-00000000", "InstanceType", "t3.micro"),
                new LinkedHashMap<>(tags), Map.of(), "", nextPrivateIp(), List.of());
        i.state = "running";
        instances.put(i.id, i);
        return i;
    }

    private static final Pattern BEARER = Pattern.compile("Bearer ([^'\"\\s]+)");
    private static final Pattern DATA = Pattern.compile("-d '([^']*)'");
    private static final Pattern URL = Pattern.compile("(https?://[^\\s'\"]+)\\s*$");

    /**
     * Runs the check-in call of the instance's startup script, as the booted VM would: the {@code curl} line's
     * URL, bearer token and JSON body, sent with the JDK's HTTP client. The heartbeat URL and token the check-in
     * answers are kept for {@link #heartbeats}.
     *
     * @return the HTTP status the check-in answered
     */
    public int runUserData(String id) {
        Instance instance;
        synchronized (this) {
            instance = instances.get(id);
        }
        String line = instance.userData.lines().filter(l -> l.trim().startsWith("curl")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no curl line in the user data of " + id));
        HttpResponse<String> r = post(find(URL, line.trim()), find(BEARER, line), find(DATA, line));
        if (r.statusCode() == 200) {
            try {
                var answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
                instance.heartbeatUrl = answer.path("heartbeat_url").asText();
                instance.heartbeatToken = answer.path("heartbeat_token").asText();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the check-in answer is not JSON: " + r.body(), e);
            }
        }
        return r.statusCode();
    }

    /** Every running instance whose agent has checked in sends its heartbeat, as the agent daemon would. */
    public void heartbeats() {
        for (Instance i : instances()) {
            if (i.state.equals("running") && i.heartbeatToken != null) {
                post(i.heartbeatUrl, i.heartbeatToken, "{}");
            }
        }
    }

    private HttpResponse<String> post(String url, String token, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in: " + s);
        }
        return m.group(1);
    }

    // ---- the protocol ----

    @Override
    protected String operation(String method, String path, Map<String, String> params) {
        return params.getOrDefault("Action", "?");
    }

    @Override
    protected Answer authError() {
        return error(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }

    @Override
    protected String errorXml(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + x(code)
                + "</Code><Message>" + x(message) + "</Message></Error></Errors><RequestID>" + requestId()
                + "</RequestID></Response>";
    }

    @Override
    protected Answer answer(Call call) {
        Map<String, String> p = call.params();
        if (!"2016-11-15".equals(p.get("Version"))) {
            return error(400, "InvalidParameterValue", "unsupported API version " + p.get("Version"));
        }
        if ("true".equals(p.get("DryRun"))) {
            return error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }
        return switch (call.operation()) {
            case "RunInstances" -> runInstances(p);
            case "DescribeInstances" -> describeInstances(p);
            case "TerminateInstances" -> terminateInstances(p);
            case "DescribeImages" -> describeImages(p);
            case "DescribeSubnets" -> describeSubnets(p);
            case "DescribeSecurityGroups" -> describeSecurityGroups(p);
            case "DescribeInstanceTypes" -> describeInstanceTypes(p);
            default -> error(400, "InvalidAction", "The action " + call.operation() + " is not valid for this web service.");
        };
    }

    private Answer runInstances(Map<String, String> p) {
        if (!"1".equals(p.get("MinCount")) || !"1".equals(p.get("MaxCount"))) {
            return error(400, "InvalidParameterValue", "this fake makes one instance at a time (MinCount=MaxCount=1)");
        }
        String token = p.get("ClientToken");
        if (token != null) {
            for (Instance i : instances.values()) {
                if (token.equals(i.clientToken)) {
                    if (!withoutToken(i.launchParams).equals(withoutToken(p))) {
                        return error(400, "IdempotentParameterMismatch", "The client token you have provided is "
                                + "associated with a resource that is already deleted or has different parameters.");
                    }
                    return Answer.ok(reservation("RunInstancesResponse", i));
                }
            }
        }
        String ami = p.get("ImageId");
        if (ami == null || !images.containsKey(ami)) {
            return error(400, "InvalidAMIID.NotFound", "The image id '[" + ami + "]' does not exist");
        }
        if (p.get("InstanceType") != null && !types.isEmpty() && !types.containsKey(p.get("InstanceType"))) {
            return error(400, "InvalidParameterValue", "Invalid value '" + p.get("InstanceType")
                    + "' for InstanceType.");
        }
        String subnet = p.get("SubnetId");
        if (subnet != null && !subnets.contains(subnet)) {
            return error(400, "InvalidSubnetID.NotFound", "The subnet ID '" + subnet + "' does not exist");
        }
        List<String> groups = indexed(p, "SecurityGroupId");
        for (String g : groups) {
            if (!securityGroups.contains(g)) {
                return error(400, "InvalidGroup.NotFound", "The security group '" + g + "' does not exist in VPC");
            }
        }
        String userData = "";
        if (p.get("UserData") != null) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(p.get("UserData"));
            } catch (IllegalArgumentException e) {
                return error(400, "InvalidParameterValue", "Invalid BASE64 encoding of user data.");
            }
            if (raw.length > 16384) {
                return error(400, "InvalidParameterValue", "User data is limited to 16384 bytes");
            }
            userData = new String(raw, StandardCharsets.UTF_8);
        }
        Instance i = new Instance("i-" + hex(17), new LinkedHashMap<>(p), tagsFor(p, "instance"),
                tagsFor(p, "volume"), userData, nextPrivateIp(), groups);
        instances.put(i.id, i);
        faults().created(i.tags.get("skyhold-agent"), (int) instances.values().stream().filter(v -> v.state.equals("pending")
                || v.state.equals("running")).count());
        if (autoBoot != null) {
            booter.schedule(() -> boot(i.id), autoBoot.toMillis(), TimeUnit.MILLISECONDS);
        }
        return Answer.ok(reservation("RunInstancesResponse", i));
    }

    /**
     * From now on every new instance runs {@code after} its launch by itself, as a cloud's long-running create
     * operation completes (the test no longer calls {@link #boot}).
     */
    public synchronized FakeEc2 autoBoot(Duration after) {
        autoBoot = after;
        return this;
    }

    @Override
    public void close() {
        booter.shutdownNow();
        super.close();
    }

    private Answer describeInstances(Map<String, String> p) {
        List<String> ids = indexed(p, "InstanceId");
        if (!ids.isEmpty() && p.containsKey("MaxResults")) {
            return error(400, "InvalidParameterCombination",
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        for (String id : ids) {
            if (!id.matches("i-[0-9a-f]{8,17}")) {
                return error(400, "InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
            }
            if (!instances.containsKey(id) || hidden.contains(id)) {
                return error(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        List<Instance> matching = new ArrayList<>();
        for (Instance i : instances.values()) {
            if (hidden.contains(i.id) || !ids.isEmpty() && !ids.contains(i.id)) {
                continue;
            }
            Optional<String> bad = badFilter(p);
            if (bad.isPresent()) {
                return error(400, "InvalidParameterValue", "The filter '" + bad.get() + "' is invalid");
            }
            if (matches(i, p)) {
                matching.add(i);
            }
        }
        int from = p.get("NextToken") == null ? 0 : Integer.parseInt(new String(
                Base64.getDecoder().decode(p.get("NextToken")), StandardCharsets.UTF_8));
        int max = pageSize;
        if (p.containsKey("MaxResults")) {
            int asked = Integer.parseInt(p.get("MaxResults"));
            if (asked < 5 || asked > 1000) {
                return error(400, "InvalidParameterValue", "Value ( " + asked + " ) for parameter maxResults is "
                        + "invalid. Expecting a value between 5 and 1000.");
            }
            max = Math.min(max, asked);
        }
        int to = Math.min(matching.size(), from + max);
        StringBuilder xml = new StringBuilder(head("DescribeInstancesResponse")).append("<reservationSet>");
        for (Instance i : matching.subList(from, to)) {
            xml.append("<item>").append(reservationBody(i)).append("</item>");
        }
        xml.append("</reservationSet>");
        if (to < matching.size()) {
            xml.append("<nextToken>").append(Base64.getEncoder().encodeToString(
                    Integer.toString(to).getBytes(StandardCharsets.UTF_8))).append("</nextToken>");
        }
        return Answer.ok(xml.append("</DescribeInstancesResponse>").toString());
    }

    private Answer terminateInstances(Map<String, String> p) {
        List<String> ids = indexed(p, "InstanceId");
        for (String id : ids) {
            if (!instances.containsKey(id) || hidden.contains(id)) {
                return error(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
        }
        StringBuilder xml = new StringBuilder(head("TerminateInstancesResponse")).append("<instancesSet>");
        for (String id : ids) {
            Instance i = instances.get(id);
            String before = i.state;
            if (!before.equals("terminated")) {
                i.state = "shutting-down";
            }
            xml.append("<item><instanceId>").append(id).append("</instanceId><currentState>").append(state(i.state))
                    .append("</currentState><previousState>").append(state(before)).append("</previousState></item>");
        }
        return Answer.ok(xml.append("</instancesSet></TerminateInstancesResponse>").toString());
    }

    private Answer describeImages(Map<String, String> p) {
        StringBuilder xml = new StringBuilder(head("DescribeImagesResponse")).append("<imagesSet>");
        for (String id : indexed(p, "ImageId")) {
            ImageInfo image = images.get(id);
            if (image == null) {
                return error(400, "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
            }
            xml.append("<item><imageId>").append(x(id)).append("</imageId><imageState>available</imageState>")
                    .append("<rootDeviceType>ebs</rootDeviceType><rootDeviceName>").append(x(image.rootDevice()))
                    .append("</rootDeviceName></item>");
        }
        return Answer.ok(xml.append("</imagesSet></DescribeImagesResponse>").toString());
    }

    private Answer describeSubnets(Map<String, String> p) {
        StringBuilder xml = new StringBuilder(head("DescribeSubnetsResponse")).append("<subnetSet>");
        for (String id : indexed(p, "SubnetId")) {
            if (!subnets.contains(id)) {
                return error(400, "InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
            }
            xml.append("<item><subnetId>").append(x(id)).append("</subnetId><state>available</state>")
                    .append("<vpcId>vpc-0a1b2c3d</vpcId></item>");
        }
        return Answer.ok(xml.append("</subnetSet></DescribeSubnetsResponse>").toString());
    }

    private Answer describeSecurityGroups(Map<String, String> p) {
        StringBuilder xml = new StringBuilder(head("DescribeSecurityGroupsResponse")).append("<securityGroupInfo>");
        for (String id : indexed(p, "GroupId")) {
            if (!securityGroups.contains(id)) {
                return error(400, "InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
            }
            xml.append("<item><groupId>").append(x(id)).append("</groupId><groupName>").append(x(id))
                    .append("-name</groupName><vpcId>vpc-0a1b2c3d</vpcId></item>");
        }
        return Answer.ok(xml.append("</securityGroupInfo></DescribeSecurityGroupsResponse>").toString());
    }

    private Answer describeInstanceTypes(Map<String, String> p) {
        StringBuilder xml = new StringBuilder(head("DescribeInstanceTypesResponse")).append("<instanceTypeSet>");
        for (String type : indexed(p, "InstanceType")) {
            TypeInfo t = types.get(type);
            if (t == null) {
                return error(400, "InvalidInstanceType", "The following supplied instance types do not exist: ["
                        + type + "]");
            }
            xml.append("<item><instanceType>").append(x(type)).append("</instanceType><vCpuInfo><defaultVCpus>")
                    .append(t.vcpus()).append("</defaultVCpus></vCpuInfo><memoryInfo><sizeInMiB>")
                    .append(t.memoryMib()).append("</sizeInMiB></memoryInfo>");
            if (t.gpus() > 0) {
                xml.append("<gpuInfo><gpus><item><name>T4</name><manufacturer>NVIDIA</manufacturer><count>")
                        .append(t.gpus()).append("</count></item></gpus></gpuInfo>");
            }
            xml.append("</item>");
        }
        return Answer.ok(xml.append("</instanceTypeSet></DescribeInstanceTypesResponse>").toString());
    }

    // ---- XML ----

    private static String head(String root) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " xmlns=\"" + NS + "\"><requestId>"
                + requestId() + "</requestId>";
    }

    private static String reservation(String root, Instance i) {
        return head(root) + reservationBody(i) + "</" + root + ">";
    }

    private static String reservationBody(Instance i) {
        StringBuilder xml = new StringBuilder("<reservationId>").append(i.reservationId)
                .append("</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet><item>")
                .append("<instanceId>").append(i.id).append("</instanceId><imageId>").append(x(i.imageId))
                .append("</imageId><instanceState>").append(state(i.state)).append("</instanceState>")
                .append("<privateDnsName>ip-").append(i.privateIp.replace('.', '-'))
                .append(".eu-west-1.compute.internal</privateDnsName><dnsName/><reason/>");
        if (i.keyName != null) {
            xml.append("<keyName>").append(x(i.keyName)).append("</keyName>");
        }
        xml.append("<amiLaunchIndex>0</amiLaunchIndex><instanceType>").append(x(i.instanceType))
                .append("</instanceType><launchTime>").append(i.launchTime).append("</launchTime>")
                .append("<placement><availabilityZone>eu-west-1a</availabilityZone><tenancy>default</tenancy>")
                .append("</placement><monitoring><state>disabled</state></monitoring>");
        if (i.subnetId != null) {
            xml.append("<subnetId>").append(x(i.subnetId)).append("</subnetId><vpcId>vpc-0a1b2c3d</vpcId>");
        }
        if (!i.state.equals("terminated")) {
            xml.append("<privateIpAddress>").append(i.privateIp).append("</privateIpAddress>");
        }
        if (i.publicIp != null) {
            xml.append("<ipAddress>").append(i.publicIp).append("</ipAddress>");
        }
        xml.append("<groupSet>");
        i.securityGroupIds.forEach(g -> xml.append("<item><groupId>").append(x(g)).append("</groupId><groupName>")
                .append(x(g)).append("-name</groupName></item>"));
        xml.append("</groupSet><architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType>");
        if (i.clientToken != null) {
            xml.append("<clientToken>").append(x(i.clientToken)).append("</clientToken>");
        }
        xml.append("<tagSet>");
        i.tags.forEach((k, v) -> xml.append("<item><key>").append(x(k)).append("</key><value>").append(x(v))
                .append("</value></item>"));
        return xml.append("</tagSet><hypervisor>xen</hypervisor><virtualizationType>hvm</virtualizationType>")
                .append("</item></instancesSet>").toString();
    }

    private static String state(String name) {
        int code = switch (name) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
        return "<code>" + code + "</code><name>" + name + "</name>";
    }

    // ---- parameters ----

    /** The values of {@code Name.1}, {@code Name.2}, ... in order. */
    static List<String> indexed(Map<String, String> p, String name) {
        List<String> out = new ArrayList<>();
        for (int n = 1; p.containsKey(name + "." + n); n++) {
            out.add(p.get(name + "." + n));
        }
        return out;
    }

    /** The tags of a TagSpecification.N of this resource type. */
    private static Map<String, String> tagsFor(Map<String, String> p, String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int n = 1; p.containsKey("TagSpecification." + n + ".ResourceType"); n++) {
            if (resourceType.equals(p.get("TagSpecification." + n + ".ResourceType"))) {
                String prefix = "TagSpecification." + n + ".Tag.";
                for (int m = 1; p.containsKey(prefix + m + ".Key"); m++) {
                    tags.put(p.get(prefix + m + ".Key"), p.getOrDefault(prefix + m + ".Value", ""));
                }
            }
        }
        return tags;
    }

    private static Optional<String> badFilter(Map<String, String> p) {
        for (int n = 1; p.containsKey("Filter." + n + ".Name"); n++) {
            String name = p.get("Filter." + n + ".Name");
            if (!name.startsWith("tag:") && !name.equals("instance-state-name") && !name.equals("tag-key")) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Instance i, Map<String, String> p) {
        for (int n = 1; p.containsKey("Filter." + n + ".Name"); n++) {
            String name = p.get("Filter." + n + ".Name");
            List<String> values = indexed(p, "Filter." + n + ".Value");
            String actual = name.equals("instance-state-name") ? i.state
                    : name.equals("tag-key") ? (values.stream().anyMatch(i.tags::containsKey) ? values.get(0) : null)
                    : i.tags.get(name.substring(4));
            if (actual == null || !values.contains(actual)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> withoutToken(Map<String, String> p) {
        Map<String, String> m = new LinkedHashMap<>(p);
        m.remove("ClientToken");
        return m;
    }

    private String nextPrivateIp() {
        ipCounter++;
        return "10.0." + (ipCounter / 250) + "." + (ipCounter % 250 + 4);
    }

    static String hex(int n) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < n; k++) {
            s.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return s.toString();
    }
}
