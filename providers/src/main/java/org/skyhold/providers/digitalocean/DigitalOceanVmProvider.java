package org.skyhold.providers.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/**
 * The {@code digitalocean} kind: agents on droplets, through the API v2 ({@code endpoint_override} replaces
 * {@code https://api.digitalocean.com/v2}; a base without {@code /v2} gets it appended).
 *
 * <p>A create first makes sure every tag it will use exists (the configured {@code digital_ocean_tags} and
 * Skyhold's installation, zone and agent tags, see {@link DropletTags}), adds the zone's tag to the firewall
 * {@code digital_ocean_firewall_name} when one is set, looks up the id of the SSH key
 * {@code digital_ocean_sshkey_name}, then creates the droplet with the rendered startup script as user data
 * (64 KiB at most) and {@code digital_ocean_vpc_uuid} when set. Errors are classified by {@link DoHttp}: 429
 * throttled until the rate limit resets, 401/403 auth, a 422 about the droplet limit quota, any other 422 a bad
 * configuration with the API's message, 5xx other (retried twice inside the call first).
 */
public final class DigitalOceanVmProvider implements VmProvider {
    static final String TOKEN = "digital_ocean_token";
    static final String REGION = "digital_ocean_region";
    static final String IMAGE = "digital_ocean_droplet_image";
    static final String SIZE = "digital_ocean_droplet_size";
    static final String TAGS = "digital_ocean_tags";
    static final String SSH_KEY = "digital_ocean_sshkey_name";
    static final String FIREWALL = "digital_ocean_firewall_name";
    static final String VPC = "digital_ocean_vpc_uuid";
    /** DigitalOcean accepts at most 64 KiB of user data. */
    static final int USER_DATA_LIMIT = 65_536;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final String image;
    private final String size;
    private final List<String> configuredTags;
    private final String sshKeyName;
    private final String firewallName;
    private final String vpcUuid;
    private final Droplets droplets;
    private final Tags tags;
    private final SshKeys sshKeys;
    private final Firewalls firewalls;
    private final Catalog catalog;
    private volatile Capacity sizeCapacity;

    public DigitalOceanVmProvider(VmProviderSettings settings, Clock clock) {
        this(settings, clock, Duration.ofMillis(250));
    }

    DigitalOceanVmProvider(VmProviderSettings settings, Clock clock, Duration retryPause) {
        Map<String, String> f = settings.fields();
        this.region = required(f, REGION);
        this.image = required(f, IMAGE);
        this.size = required(f, SIZE);
        this.configuredTags = stringList(f.get(TAGS));
        this.sshKeyName = blankToNull(f.get(SSH_KEY));
        this.firewallName = blankToNull(f.get(FIREWALL));
        this.vpcUuid = blankToNull(f.get(VPC));
        DoHttp http = new DoHttp(settings.endpointOverride(), token(settings.secrets()), clock, retryPause);
        this.droplets = new Droplets(http);
        this.tags = new Tags(http);
        this.sshKeys = new SshKeys(http);
        this.firewalls = new Firewalls(http);
        this.catalog = new Catalog(http);
    }

    @Override
    public VmInstance create(VmSpec spec) {
        if (spec.userData().getBytes(StandardCharsets.UTF_8).length > USER_DATA_LIMIT) {
            throw new ProviderException(ProviderErrorClass.BAD_CONFIG, "the rendered startup script is "
                    + spec.userData().getBytes(StandardCharsets.UTF_8).length + " bytes; DigitalOcean accepts "
                    + USER_DATA_LIMIT + " bytes of user data at most");
        }
        List<String> skyholdTags = DropletTags.encode(spec.tags());
        Set<String> all = new LinkedHashSet<>(configuredTags);
        all.addAll(skyholdTags);
        tags.ensure(all);
        String installation = spec.tags().get(VmSpec.TAG_INSTALLATION);
        String zone = spec.tags().get(VmSpec.TAG_ZONE);
        if (firewallName != null && installation != null && zone != null) {
            firewalls.ensureTagged(firewallName, DropletTags.zoneTag(installation, zone));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", spec.hostname());
        body.put("region", region);
        body.put("size", size);
        body.put("image", image.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(image) : image);
        if (sshKeyName != null) {
            body.put("ssh_keys", List.of(sshKeys.idOf(sshKeyName)));
        }
        body.put("tags", new ArrayList<>(all));
        body.put("user_data", spec.userData());
        if (vpcUuid != null) {
            body.put("vpc_uuid", vpcUuid);
        }
        VmInstance made = droplets.create(body, DropletTags.agentTag(spec.agentId()));
        learnSizeQuietly();
        return made;
    }

    @Override
    public void delete(String instanceId) {
        droplets.delete(instanceId);
    }

    @Override
    public Optional<VmInstance> describe(String instanceId) {
        return droplets.get(instanceId);
    }

    @Override
    public List<VmInstance> listTagged(String installationId) {
        return droplets.listByTag(DropletTags.installationTag(installationId)).stream()
                .filter(i -> i.state() != VmState.GONE).toList();
    }

    /** {@code GET /v2/sizes}: the configured size slug's vCPUs, GPUs and memory. */
    @Override
    public Capacity lookupCapacity() {
        JsonNode s = catalog.size(size).orElseThrow(() -> badConfig("the droplet size \"" + size
                + "\" does not exist (digital_ocean_droplet_size)"));
        sizeCapacity = capacityOf(s);
        return sizeCapacity;
    }

    /** The configured size's vCPUs, GPUs and memory, once a create or a connection test has read the sizes. */
    @Override
    public Optional<Capacity> expectedCapacity() {
        return Optional.ofNullable(sizeCapacity);
    }

    @Override
    public String testConnection() {
        JsonNode account = catalog.account();
        JsonNode r = catalog.region(region).orElseThrow(() -> badConfig("the region \"" + region
                + "\" does not exist (digital_ocean_region)"));
        if (!r.path("available").asBoolean(true)) {
            throw badConfig("the region \"" + region + "\" takes no new droplets now");
        }
        JsonNode s = catalog.size(size).orElseThrow(() -> badConfig("the droplet size \"" + size
                + "\" does not exist (digital_ocean_droplet_size)"));
        if (s.has("regions") && !contains(s.path("regions"), region)) {
            throw badConfig("the droplet size \"" + size + "\" is not offered in " + region);
        }
        sizeCapacity = capacityOf(s);
        catalog.image(image).orElseThrow(() -> badConfig("the image \"" + image
                + "\" does not exist or is not visible to this token (digital_ocean_droplet_image)"));
        StringBuilder found = new StringBuilder("region " + region + ", size " + size + " ("
                + sizeCapacity.cores() + " vCPUs, " + sizeCapacity.memoryMb() + " MB"
                + (sizeCapacity.gpus() > 0 ? ", " + sizeCapacity.gpus() + " GPUs" : "") + "), image " + image);
        if (sshKeyName != null) {
            sshKeys.idOf(sshKeyName);
            found.append(", SSH key ").append(sshKeyName);
        }
        if (firewallName != null) {
            firewalls.byName(firewallName);
            found.append(", firewall ").append(firewallName);
        }
        if (vpcUuid != null) {
            JsonNode vpc = catalog.vpc(vpcUuid).orElseThrow(() -> badConfig("the VPC " + vpcUuid
                    + " does not exist (digital_ocean_vpc_uuid)"));
            if (vpc.hasNonNull("region") && !region.equals(vpc.path("region").asText())) {
                throw badConfig("the VPC " + vpcUuid + " is in " + vpc.path("region").asText() + ", not " + region);
            }
            found.append(", VPC ").append(vpc.path("name").asText(vpcUuid));
        }
        return "Connected to DigitalOcean as " + account.path("email").asText("?") + " (droplet limit "
                + account.path("droplet_limit").asText("?") + "); found " + found + ".";
    }

    private void learnSizeQuietly() {
        if (sizeCapacity != null) {
            return;
        }
        try {
            catalog.size(size).ifPresent(s -> sizeCapacity = capacityOf(s));
        } catch (ProviderException e) {
            // the size is only a hint for the planner; the agent's check-in will tell it anyway
        }
    }

    static Capacity capacityOf(JsonNode size) {
        return new Capacity(size.path("vcpus").asLong(), size.path("gpu_info").path("count").asLong(0),
                size.path("memory").asLong());
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    static String token(Map<String, Secret> secrets) {
        Secret token = secrets.get(TOKEN);
        if (token == null || token.isEmpty()) {
            throw badConfig("no DigitalOcean API token is set (" + TOKEN + ")");
        }
        return token.reveal();
    }

    private static String required(Map<String, String> fields, String name) {
        String v = blankToNull(fields.get(name));
        if (v == null) {
            throw badConfig(name + " is not set");
        }
        return v;
    }

    private static List<String> stringList(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            List<String> out = new ArrayList<>();
            if (!node.isArray()) {
                throw badConfig(TAGS + " must be a JSON list of tags");
            }
            node.forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw badConfig(TAGS + " must be a JSON list of tags");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static ProviderException badConfig(String message) {
        return new ProviderException(ProviderErrorClass.BAD_CONFIG, message);
    }
}
