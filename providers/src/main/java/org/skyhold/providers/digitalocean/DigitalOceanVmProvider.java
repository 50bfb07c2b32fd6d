package org.skyhold.providers.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/**
 * The {@code digitalocean} kind: agents on droplets, through the API v2 ({@code endpoint_override} replaces
 * {@code https://api.digitalocean.com/v2}; a base without {@code /v2} gets it appended).
 *
 * <p>A create first makes sure every tag it will use exists (the configured configured tags and
 * Skyhold's installation, zone and agent tags, see {@link DropletTags}), adds the zone's tag to the configured firewall
 * when one is set, looks up the id of the configured SSH key, then creates the droplet with the rendered startup script as user data
 * (64 KiB at most) and the configured VPC when set. Errors are classified by {@link DoHttp}: 429
 * throttled until the rate limit resets, 401/403 auth, a 422 about the droplet limit quota, a 422 saying a region
 * or size is not available (now) capacity, any other 422 a bad configuration with the API's message, 5xx other (retried twice inside the call first).
 */
public final class DigitalOceanVmProvider implements VmProvider {
    /** DigitalOcean accepts at most 64 KiB of user data. */
    static final int USER_DATA_LIMIT = 65_536;

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

    /** @throws ProviderException ({@code BAD_CONFIG}) naming the field when the settings cannot be read */
    public DigitalOceanVmProvider(KindSettings settings, Clock clock) {
        this(settings, clock, Duration.ofMillis(250));
    }

    DigitalOceanVmProvider(KindSettings settings, Clock clock, Duration retryPause) {
        DropletSettings s;
        try {
            s = DropletSettings.read(settings);
        } catch (InvalidFieldException e) {
            throw e.badConfig();
        }
        this.region = s.region();
        this.image = s.image();
        this.size = s.size();
        this.configuredTags = s.tags();
        this.sshKeyName = s.sshKeyName();
        this.firewallName = s.firewallName();
        this.vpcUuid = s.vpcUuid();
        DoHttp http = new DoHttp(s.endpoint(), s.token(), clock, retryPause);
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

    /** The droplet API takes no idempotency key: the droplet the lost create made is found by the agent's tag. */
    @Override
    public VmInstance retryCreate(VmSpec spec) {
        Optional<VmInstance> made = droplets.listByTag(DropletTags.agentTag(spec.agentId())).stream().findFirst();
        return made.orElseGet(() -> create(spec));
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

    private static ProviderException badConfig(String message) {
        return new ProviderException(ProviderErrorClass.BAD_CONFIG, message);
    }
}
