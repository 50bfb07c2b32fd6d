package org.skyhold.domain.model;

/** An amount of compute in the planner's three dimensions. */
public record Capacity(long cores, long gpus, long memoryMb) {
    public static final Capacity ZERO = new Capacity(0, 0, 0);

    public Capacity plus(Capacity o) {
        return new Capacity(cores + o.cores, gpus + o.gpus, memoryMb + o.memoryMb);
    }

    public Capacity minus(Capacity o) {
        return new Capacity(cores - o.cores, gpus - o.gpus, memoryMb - o.memoryMb);
    }

    public Capacity times(long n) {
        return new Capacity(cores * n, gpus * n, memoryMb * n);
    }

    /** True when every dimension of {@code o} fits into this one. */
    public boolean covers(Capacity o) {
        return cores >= o.cores && gpus >= o.gpus && memoryMb >= o.memoryMb;
    }
}
