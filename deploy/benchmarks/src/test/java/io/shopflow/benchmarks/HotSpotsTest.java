package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotSpotsTest {

    /** Kept so that the JIT cannot drop the work. */
    private static volatile double sink;

    @Test
    void a_recording_of_our_busy_method_charges_its_samples_to_it_and_to_us(@TempDir Path dir) throws Exception {
        var file = dir.resolve("busy.jfr");
        try (var recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            Runnable busy = () -> spinFor(Duration.ofMillis(600));
            busy.run();
            recording.stop();
            recording.dump(file);
        }

        var hotSpots = HotSpots.read(file);

        assertThat(hotSpots.samples()).as("execution samples recorded").isPositive();
        String busy = HotSpotsTest.class.getName() + ".spinFor";
        assertThat(hotSpots.ours()).as("our methods on the stack").containsKey(busy);
        assertThat(hotSpots.ours().get(busy)).as("the busy method's share")
                .isGreaterThan(hotSpots.samples() / 2);
        assertThat(hotSpots.ours().keySet()).as("no class generated around ours, such as the lambda's")
                .noneMatch(method -> method.contains("$$"));
        assertThat(HotSpots.top(hotSpots.byCaller(), 1)).as("the library asking for most of the work")
                .containsOnlyKeys("ours (io.shopflow)");
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void a_type_is_charged_to_the_first_library_whose_prefix_it_has() {
        assertThat(HotSpots.library("io.vertx.pgclient.impl.PgSocketConnection")).isEqualTo("Vert.x PostgreSQL client");
        assertThat(HotSpots.library("io.vertx.core.impl.ContextImpl")).isEqualTo("Vert.x");
        assertThat(HotSpots.library("io.smallrye.mutiny.operators.uni.UniOnItemTransform")).isEqualTo("Mutiny");
        assertThat(HotSpots.library("org.example.thing.Widget")).isEqualTo("other: org.example.thing");
    }

    private static void spinFor(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        double x = 0;
        while (System.nanoTime() < until) {
            for (int i = 1; i < 10_000; i++) {
                x += Math.sqrt(i);
            }
        }
        sink = x;
    }
}
