package org.skyhold.providers.simulated;

import static org.skyhold.domain.kind.FieldType.DECIMAL;
import static org.skyhold.domain.kind.FieldType.INTEGER;

import java.util.List;
import java.util.Map;
import org.skyhold.domain.kind.FieldSpec;

/** The {@code simulated} VM kind's fields: the size of its VMs, their boot time and a failure rate. */
final class SimulatedFields {
    private SimulatedFields() {
    }

    static final FieldSpec CORES = FieldSpec.of("sim_cores", INTEGER, "Cores per VM").range(0, 1024).example("8")
            .build();
    static final FieldSpec GPUS = FieldSpec.of("sim_gpus", INTEGER, "GPUs per VM").range(0, 64).example("1").build();
    static final FieldSpec MEMORY_MB = FieldSpec.of("sim_memory_mb", INTEGER, "Memory per VM (MB)")
            .range(0, 4_194_304).example("16384").build();
    static final FieldSpec BOOT_SECONDS = FieldSpec.of("sim_boot_seconds", INTEGER, "Boot time (s)").range(0, 3600)
            .help("How long a simulated VM takes before its agent checks in.").example("3").build();
    static final FieldSpec FAILURE_RATE = FieldSpec.of("sim_failure_rate", DECIMAL, "Failure rate").range(0, 1)
            .help("Share of creates that fail (0 to 1), to watch failover.").example("0.25").build();

    static final List<FieldSpec> ALL = List.of(CORES, GPUS, MEMORY_MB, BOOT_SECONDS, FAILURE_RATE);

    /** A new provider's values, and what an unset field means: 4-core 8 GB VMs without GPUs that boot in 5 s. */
    static final Map<String, String> DEFAULTS = Map.of(CORES.name(), "4", GPUS.name(), "0", MEMORY_MB.name(), "8192",
            BOOT_SECONDS.name(), "5", FAILURE_RATE.name(), "0");
}
