package org.skyhold.providers.simulated;

import java.math.BigDecimal;
import java.time.Duration;
import org.skyhold.domain.kind.FieldSpec;
import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;
import org.skyhold.domain.kind.ProviderFields;
import org.skyhold.domain.model.Capacity;

/** The {@code simulated} VM kind's settings, read through {@link SimulatedFields}; unset fields take the defaults. */
record SimulatedSettings(Capacity size, Duration boot, double failureRate) {

    /** @throws InvalidFieldException naming the field that cannot be read */
    static SimulatedSettings read(KindSettings s) {
        ProviderFields f = s.fields();
        Capacity size = new Capacity(number(f, SimulatedFields.CORES), number(f, SimulatedFields.GPUS),
                number(f, SimulatedFields.MEMORY_MB));
        BigDecimal rate = f.decimal(SimulatedFields.FAILURE_RATE);
        if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0)) {
            throw new InvalidFieldException(SimulatedFields.FAILURE_RATE.name(), "must be a number from 0 to 1");
        }
        return new SimulatedSettings(size, Duration.ofSeconds(number(f, SimulatedFields.BOOT_SECONDS)),
                rate == null ? 0 : rate.doubleValue());
    }

    private static long number(ProviderFields f, FieldSpec spec) {
        Long v = f.integer(spec);
        return v == null ? Long.parseLong(SimulatedFields.DEFAULTS.get(spec.name())) : v;
    }
}
