package io.shopflow.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Gives one process CPUs of its own, as its own pods on other nodes would: the upper half of the machine's CPUs to
 * it, the lower half to everything it would otherwise share them with (this JVM, with its Kafka broker and load
 * generator; the other processes it started; PostgreSQL's server processes, embedded or not). Closing gives them all
 * every CPU back. Uses {@code taskset} (util-linux) on all threads of each process; threads started later inherit
 * their creator's CPUs, and PostgreSQL's new backends those of its postmaster.
 */
final class CpuSplit implements AutoCloseable {

    private static final int ATTEMPTS = 3;

    private final String everyCpu;
    private final List<ProcessHandle> pinned = new ArrayList<>();

    private CpuSplit(int cpus) {
        this.everyCpu = range(0, cpus);
    }

    /** Puts {@code alone} on the upper half of the CPUs and the rest on the lower half; needs two CPUs or more. */
    static CpuSplit give(ProcessHandle alone) throws IOException, InterruptedException {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2) {
            throw new IllegalStateException("Splitting the CPUs needs two of them; this machine lets us use " + cpus);
        }
        var split = new CpuSplit(cpus);
        try {
            split.pin(alone, range(cpus / 2, cpus));
            for (var other : sharers(alone).toList()) {
                split.pin(other, range(0, cpus / 2));
            }
        } catch (IOException | RuntimeException e) {
            split.close();
            throw e;
        }
        return split;
    }

    private static Stream<ProcessHandle> sharers(ProcessHandle alone) {
        var self = ProcessHandle.current();
        var started = self.descendants().filter(process -> process.pid() != alone.pid());
        var postgres = ProcessHandle.allProcesses().filter(process -> process.info().command()
                .filter(command -> command.endsWith("/postgres")).isPresent());
        return Stream.concat(Stream.of(self), Stream.concat(started, postgres)).distinct();
    }

    private void pin(ProcessHandle process, String cpus) throws IOException, InterruptedException {
        if (setAffinity(process, cpus)) {
            pinned.add(process);
        }
    }

    /** Every process pinned gets every CPU back (one that has ended meanwhile is left alone). */
    @Override
    public void close() throws IOException, InterruptedException {
        for (var process : pinned) {
            setAffinity(process, everyCpu);
        }
        pinned.clear();
    }

    /**
     * False when the process ended before its CPUs could be set (PostgreSQL's backends come and go). A few tries,
     * as taskset gives up on a process when one of its threads ends while it goes through them.
     */
    private static boolean setAffinity(ProcessHandle process, String cpus) throws IOException, InterruptedException {
        String output = "";
        for (int attempt = 0; attempt < ATTEMPTS && process.isAlive(); attempt++) {
            var taskset = new ProcessBuilder("taskset", "--all-tasks", "--pid", "--cpu-list", cpus,
                    Long.toString(process.pid())).redirectErrorStream(true).start();
            output = new String(taskset.getInputStream().readAllBytes());
            if (taskset.waitFor() == 0) {
                return true;
            }
        }
        if (!process.isAlive()) {
            return false;
        }
        throw new IOException(String.format(Locale.ROOT, "taskset could not give process %d CPUs %s: %s",
                process.pid(), cpus, output.strip()));
    }

    /** CPUs {@code from} (inclusive) to {@code to} (exclusive) as taskset's list. */
    private static String range(int from, int to) {
        return to - from == 1 ? Integer.toString(from) : from + "-" + (to - 1);
    }
}
