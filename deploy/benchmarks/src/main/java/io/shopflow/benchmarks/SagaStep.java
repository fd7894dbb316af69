package io.shopflow.benchmarks;

import io.shopflow.benchmarks.SagaBenchmark.Phase;
import java.time.Duration;
import java.util.Map;

/**
 * The saga at one fixed rate: the orders placed at {@code rate} a second and their sagas' ends, and the CPU time
 * (user + system) each service's process spent from the start until the last saga ended, per ended order; of that,
 * what the services' JIT compilers spent per ended order ({@code jitPerOrder}, a lower bound: {@link ThreadCpu}),
 * null where the operating system does not say.
 */
record SagaStep(int rate, Phase phase, Map<String, Duration> cpuPerOrder, Duration jitPerOrder) {

    /** Its sagas ended at {@link SagaBenchmark#KEPT_UP} of the rate or more, and every order was accepted. */
    boolean keptUp() {
        return phase.failed() == 0 && phase.perSecond() >= SagaBenchmark.KEPT_UP * rate;
    }

    /** Over every service. */
    Duration allCpuPerOrder() {
        return cpuPerOrder.values().stream().reduce(Duration.ZERO, Duration::plus);
    }
}
