package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitCompilersTest {

    @Test
    void this_jvms_compilers_have_spent_some_of_its_cpu_and_no_more_than_all_of_it() {
        var process = ProcessHandle.current();
        // JUnit's own start compiled plenty before this test runs.
        var compilers = JitCompilers.spentBy(List.of(process));
        var all = process.info().totalCpuDuration().orElseThrow();

        assertThat(compilers).hasValueSatisfying(spent -> assertThat(spent).isPositive().isLessThan(all));
    }

    @Test
    void a_process_that_has_ended_has_nothing_to_read() throws Exception {
        var ended = new ProcessBuilder("true").start();
        ended.waitFor();

        assertThat(JitCompilers.spentBy(List.of(ended.toHandle()))).isEmpty();
    }

    @Test
    void a_process_without_compiler_threads_spent_nothing_on_them() throws Exception {
        var sleeping = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(JitCompilers.spentBy(List.of(sleeping.toHandle()))).hasValue(Duration.ZERO);
        } finally {
            sleeping.destroy();
        }
    }
}
