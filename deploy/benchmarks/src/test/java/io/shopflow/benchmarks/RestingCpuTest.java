package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RestingCpuTest {

    /** One pause (CommitMeter.SETTLE, 11 s) of this JVM with one thread, named as a Kafka heartbeat, kept busy. */
    @Test
    void a_pause_is_read_by_process_and_by_kind_of_thread() throws Exception {
        var stop = new AtomicBoolean();
        var busy = new Thread(() -> {
            while (!stop.get()) {
                Math.sqrt(System.nanoTime());
            }
        }, "kafka-coordinator-heartbeat-thread | resting-test");
        var resting = new RestingCpu(Map.of("this JVM", ProcessHandle.current()));
        busy.start();
        RestingCpu.Reading reading;
        try {
            resting.settle();
            reading = resting.reading();
        } finally {
            stop.set(true);
            busy.join();
        }

        assertThat(reading.over()).isGreaterThanOrEqualTo(CommitMeter.SETTLE);
        double heartbeats = reading.byThreads().get(ThreadCpu.Threads.KAFKA_HEARTBEATS);
        // The busy thread had a core to itself most of the pause: hundreds of ms a second, never more than 1,000.
        assertThat(heartbeats).isBetween(100.0, 1000.0 + 1);
        assertThat(reading.millisPerSecond().get("this JVM")).isGreaterThanOrEqualTo(heartbeats - 1);
        assertThat(reading.allMillisPerSecond()).isCloseTo(reading.millisPerSecond().get("this JVM"), within(1e-9));
        assertThat(reading.byThreads()).containsKeys(ThreadCpu.Threads.JIT_COMPILERS, ThreadCpu.Threads.KAFKA_CONNECTOR);
    }
}
