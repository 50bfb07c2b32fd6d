package org.skyhold.domain.planner;

import java.util.function.ToLongFunction;
import org.skyhold.domain.model.Capacity;

/** The planner's three dimensions, with the words reasons use for them. */
enum Dimension {
    CORES("cores", "", Capacity::cores),
    GPUS("GPUs", "", Capacity::gpus),
    MEMORY("memory", " MB", Capacity::memoryMb);

    private final String word;
    private final String unit;
    private final ToLongFunction<Capacity> get;

    Dimension(String word, String unit, ToLongFunction<Capacity> get) {
        this.word = word;
        this.unit = unit;
        this.get = get;
    }

    long of(Capacity c) {
        return c == null ? 0 : get.applyAsLong(c);
    }

    String word() {
        return word;
    }

    /** "8 cores", "2 GPUs", "4096 MB of memory". */
    String amount(long n) {
        return this == MEMORY ? n + unit + " of memory" : n + " " + word;
    }

    /** "free cores 3", "free memory 2048 MB". */
    String labelled(String label, long n) {
        return label + " " + word + " " + n + unit;
    }
}
