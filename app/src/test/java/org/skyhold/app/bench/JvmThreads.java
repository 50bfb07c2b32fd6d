package org.skyhold.app.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU of this JVM's own machinery, which the ThreadMXBean does not list: the JIT compiler threads and the
 * garbage collector's threads, read by native thread name from {@code /proc/self/task} (10 ms ticks), with the
 * compilers' and collectors' own accounting beside them. HotSpot starts and stops extra compiler threads as the
 * queue grows and shrinks; a thread that ended takes its time with it, so the JIT figure is a lower bound.
 */
final class JvmThreads {
    /**
     * One reading, cumulative since the JVM started.
     *
     * @param jit           CPU of each "C1/C2 CompilerThread" alive now, by native thread id, in nanoseconds
     * @param gc            CPU of each "GC Thread", "G1 ..." and "VM Thread" thread (pauses, concurrent marking,
     *                      refinement, safepoints), likewise
     * @param compileMillis what {@code CompilationMXBean} reports: wall time spent compiling, summed over threads
     * @param gcPauseMillis what the {@code GarbageCollectorMXBean}s report: collection (pause) time
     */
    record Sample(Map<Integer, Long> jit, Map<Integer, Long> gc, long compileMillis, long gcPauseMillis) {
        /** The JIT compilers' CPU since {@code before}, over the threads alive now. */
        long jitNanosSince(Sample before) {
            return since(jit, before.jit);
        }

        /** The collector's CPU since {@code before}, over the threads alive now. */
        long gcNanosSince(Sample before) {
            return since(gc, before.gc);
        }

        private static long since(Map<Integer, Long> now, Map<Integer, Long> before) {
            long sum = 0;
            for (var e : now.entrySet()) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
            return sum;
        }
    }

    private JvmThreads() {
    }

    static Sample sample() {
        Map<Integer, Long> jit = new HashMap<>();
        Map<Integer, Long> gc = new HashMap<>();
        File[] tasks = new File("/proc/self/task").listFiles();
        for (File task : tasks == null ? new File[0] : tasks) {
            try {
                String stat = Files.readString(task.toPath().resolve("stat"));
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                String[] x = stat.substring(close + 2).split(" ");
                long nanos = (Long.parseLong(x[11]) + Long.parseLong(x[12])) * 10_000_000L;
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    jit.put(Integer.parseInt(task.getName()), nanos);
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                    gc.put(Integer.parseInt(task.getName()), nanos);
                }
            } catch (IOException | RuntimeException e) {
                // the thread ended while we looked
            }
        }
        long pauses = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            pauses += Math.max(0, b.getCollectionTime());
        }
        var compilation = ManagementFactory.getCompilationMXBean();
        long compile = compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() : -1;
        return new Sample(jit, gc, compile, pauses);
    }
}
