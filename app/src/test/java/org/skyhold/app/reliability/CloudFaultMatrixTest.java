package org.skyhold.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyhold.app.engine.Scenario;
import org.skyhold.providers.azure.TestTls;

/**
 * The cloud-fault matrix of issue 18: every fake cloud (through its real SDK or HTTP client) against every fault,
 * on the real app with a manual clock. Each cell scales a zone up to a provider's cap with the fault on the create
 * call, then down to nothing with it on the delete call, and counts: the cap is never exceeded, no agent gets two
 * instances, no agent or instance is lost once recovered, nothing is left after the sweeper, and the fault shows as
 * an event on the zone. Each cell prints a row and appends it to {@code target/reliability/faults.tsv}.
 *
 * <p>Every build runs a diagonal of seven cells (each cloud and each fault at least once); {@code -Preliability}
 * ({@code -Dreliability.faults=all}) runs all 35, and {@code -Dreliability.faults=aws:TIMEOUT,gcp:RESET} the cells
 * named.
 */
class CloudFaultMatrixTest {
    static final Path TSV = Path.of("target", "reliability", "faults.tsv");
    static final List<String> CLOUDS = List.of("aws", "digitalocean", "oci", "gcp", "azure");

    static Scenario s;

    @BeforeAll
    static void start() throws IOException {
        TestTls.trustInJvm(); // the fake Azure speaks TLS only
        s = Scenario.start();
        Files.createDirectories(TSV.getParent());
        if (!Files.exists(TSV)) {
            Files.writeString(TSV, FaultRow.HEADER + "\n", StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static Stream<Arguments> cells() {
        String only = System.getProperty("reliability.faults", "");
        boolean all = only.equals("all");
        List<Arguments> cells = new ArrayList<>();
        CloudFault[] faults = CloudFault.values();
        for (int c = 0; c < CLOUDS.size(); c++) {
            for (int f = 0; f < faults.length; f++) {
                // the diagonal: fault f on cloud f mod 5, so seven cells touch every cloud and every fault
                String cell = CLOUDS.get(c) + ":" + faults[f].name();
                if (only.contains(":") ? only.contains(cell) : all || f % CLOUDS.size() == c) {
                    cells.add(Arguments.of(CLOUDS.get(c), faults[f]));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("cells")
    void aZoneScalesUpAndDownThroughTheFaultWithoutExceedingLosingDuplicatingOrLeaking(String kind, CloudFault fault) {
        FaultRow row;
        try (FaultCloud cloud = clouds().apply(kind)) {
            row = new FaultCell(s, cloud, fault).run();
        }
        System.out.println("fault matrix: " + row.tsv());
        append(row);
        assertThat(row.faultsDelivered()).as("the fault was met").isPositive();
        assertThat(row.running()).as("recovered to the cap").isEqualTo(row.maxInstances());
        assertThat(row.exceeded()).as("max instances exceeded (peak %d)", row.peakInstances()).isFalse();
        assertThat(row.duplicates()).as("duplicate instances").isZero();
        assertThat(row.lostAgents()).as("lost agents").isZero();
        assertThat(row.leakedVms()).as("leaked instances").isZero();
        assertThat(row.seen()).as("the fault is an event on the zone").isNotEqualTo("NO");
    }

    private static Function<String, FaultCloud> clouds() {
        return kind -> switch (kind) {
            case "aws" -> new AwsFaultCloud();
            case "digitalocean" -> new DigitalOceanFaultCloud(s.clock);
            case "oci" -> new OciFaultCloud();
            case "gcp" -> new GcpFaultCloud();
            case "azure" -> new AzureFaultCloud();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static void append(FaultRow row) {
        try {
            Files.writeString(TSV, row.tsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
