package io.shopflow.benchmarks;

import static io.shopflow.benchmarks.ThreadCpu.Threads.JIT_COMPILERS;
import static io.shopflow.benchmarks.ThreadCpu.Threads.KAFKA_CONNECTOR;
import static io.shopflow.benchmarks.ThreadCpu.Threads.KAFKA_HEARTBEATS;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void this_jvms_compilers_have_spent_some_of_its_cpu_and_no_more_than_all_of_it() {
        var process = ProcessHandle.current();
        // JUnit's own start compiled plenty before this test runs.
        var compilers = ThreadCpu.spentBy(List.of(process), JIT_COMPILERS);
        var all = process.info().totalCpuDuration().orElseThrow();

        assertThat(compilers).hasValueSatisfying(spent -> assertThat(spent).isPositive().isLessThan(all));
    }

    @Test
    void a_thread_is_counted_by_its_name_and_only_there() throws Exception {
        var burnt = new CountDownLatch(1);
        var done = new CountDownLatch(1);
        var heartbeat = new Thread(() -> {
            var cpu = ManagementFactory.getThreadMXBean();
            while (cpu.getCurrentThreadCpuTime() < Duration.ofMillis(50).toNanos()) {
                Math.sqrt(System.nanoTime());
            }
            burnt.countDown();
            awaitQuietly(done);
        }, "kafka-coordinator-heartbeat-thread | test-group");
        heartbeat.start();
        try {
            burnt.await();
            var process = List.of(ProcessHandle.current());

            assertThat(ThreadCpu.spentBy(process, KAFKA_HEARTBEATS))
                    .hasValueSatisfying(spent -> assertThat(spent).isGreaterThanOrEqualTo(Duration.ofMillis(50)));
            assertThat(ThreadCpu.spentBy(process, KAFKA_CONNECTOR)).hasValue(Duration.ZERO);
        } finally {
            done.countDown();
            heartbeat.join();
        }
    }

    @Test
    void a_process_that_has_ended_has_nothing_to_read() throws Exception {
        var ended = new ProcessBuilder("true").start();
        ended.waitFor();

        assertThat(ThreadCpu.spentBy(List.of(ended.toHandle()), JIT_COMPILERS)).isEmpty();
    }

    @Test
    void a_process_without_compiler_threads_spent_nothing_on_them() throws Exception {
        var sleeping = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ThreadCpu.spentBy(List.of(sleeping.toHandle()), JIT_COMPILERS)).hasValue(Duration.ZERO);
        } finally {
            sleeping.destroy();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
