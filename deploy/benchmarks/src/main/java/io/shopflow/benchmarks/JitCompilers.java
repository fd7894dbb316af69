package io.shopflow.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time HotSpot's JIT compiler threads ("C1 CompilerThread0", "C2 CompilerThread1", ...) of some processes have
 * spent, from Linux's per-thread accounting ({@code /proc/<pid>/task/<tid>/schedstat}, nanoseconds on a CPU): how
 * much of a step's CPU went to compiling the code rather than running it. Eight JVMs on two cores compile for
 * minutes after they start; a slow hour measured them at a tenth of a core each four minutes in, half the services'
 * CPU at 5 orders/s. No JVM or JDK tool reports compile CPU per process from outside (jcmd's counters are the
 * compilations' elapsed time), hence /proc. A compiler thread that ends between two readings (HotSpot stops idle
 * ones) takes its time with it, so a difference of two readings is at most what was spent: a lower bound.
 */
final class JitCompilers {

    /** The thread names as Linux keeps them (15 characters). */
    private static final String COMPILER_THREAD = "CompilerThre";

    private JitCompilers() {
    }

    /** What the compiler threads now running in {@code processes} have spent; empty where Linux does not say. */
    static Optional<Duration> spentBy(Collection<ProcessHandle> processes) {
        long nanos = 0;
        for (var process : processes) {
            var tasks = Path.of("/proc", Long.toString(process.pid()), "task");
            if (!Files.isDirectory(tasks)) {
                return Optional.empty();
            }
            try (Stream<Path> threads = Files.list(tasks)) {
                nanos += threads.filter(JitCompilers::isCompiler).mapToLong(JitCompilers::onCpu).sum();
            } catch (IOException gone) {
                // The process ended: it spends nothing more.
            }
        }
        return Optional.of(Duration.ofNanos(nanos));
    }

    private static boolean isCompiler(Path thread) {
        return read(thread.resolve("comm")).contains(COMPILER_THREAD);
    }

    /** The first field of schedstat: the thread's time on a CPU, in ns (0 once the thread has ended). */
    private static long onCpu(Path thread) {
        var fields = read(thread.resolve("schedstat")).trim().split(" ");
        return fields[0].isEmpty() ? 0 : Long.parseLong(fields[0]);
    }

    /** The file's text, or "" for a thread that ended meanwhile. */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException ended) {
            return "";
        }
    }
}
