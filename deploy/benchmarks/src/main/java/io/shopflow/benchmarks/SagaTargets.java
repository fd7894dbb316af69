package io.shopflow.benchmarks;

import io.shopflow.benchmarks.SagaBenchmark.Results;
import io.shopflow.benchmarks.SagaOptions.CpuBefore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The saga's targets, each judged against what the same run measured (its baselines, its lowest step, the
 * sustained rate measured alone) and, for CPU, against an earlier run's figure at the same rate when given.
 */
final class SagaTargets {

    static final double CHAIN_RATIO = 2;
    static final double ORDERS_PER_SECOND = 500;
    static final Duration P99 = Duration.ofSeconds(1);
    /** Sagas sustained per second, as a share of the single commits per second PostgreSQL manages alone. */
    static final double SHARE_OF_POSTGRES = 0.10;
    static final double WAL_FLUSHES_PER_ORDER = 4;
    static final double TRANSACTIONS_PER_ORDER = 10;
    /** How many times less CPU an order is to cost than before, at the same rate. */
    static final double CPU_REDUCTION = 3;
    /** The p99 at half the sustained rate, in medians of the lowest step. */
    static final double P99_IN_LOWEST_MEDIANS = 4;

    private SagaTargets() {
    }

    static List<Target> judge(Results results, CpuBefore cpuBefore) {
        double sustained = results.sustained().phase().perSecond();
        double chainRatio = sustained / results.syncNormal().perSecond();
        double postgres = results.rawPostgres().eventsPerSecond();
        var database = results.alone().database();
        var p99 = results.sagaHalfRate().latency().p99();
        var lowest = results.steps().get(0);
        var lowestMedian = lowest.phase().latency().p50();
        double inMedians = (double) p99.toNanos() / lowestMedian.toNanos();
        String alone = "at the sustained rate measured alone";
        return List.of(
                Target.judged(format("sagas sustained per second at least %.0f× the synchronous chain's orders "
                        + "(provider normal)", CHAIN_RATIO), format("%.2f× (%.0f vs %.0f)", chainRatio, sustained,
                        results.syncNormal().perSecond()), chainRatio >= CHAIN_RATIO),
                Target.judged("orders still accepted while the provider is down (the chain fails)",
                        format("%.0f accepted/s vs %.0f chain orders/s", results.sagaProviderDown().perSecond(),
                                results.syncDown().perSecond()), results.sagaProviderDown().succeeded() > 0),
                Target.judged(format("at least %.0f orders/s end to end", ORDERS_PER_SECOND),
                        format("%.0f", sustained), sustained >= ORDERS_PER_SECOND),
                Target.judged(format("p99 under %s at half that rate", SagaReport.ms(P99)), SagaReport.ms(p99),
                        p99.compareTo(P99) < 0),
                Target.judged(format("sagas sustained per second at least %.0f%% of PostgreSQL's single commits "
                        + "per second", 100 * SHARE_OF_POSTGRES), format("%.1f%% (%.0f vs %,.0f)",
                        100 * sustained / postgres, sustained, postgres), sustained >= SHARE_OF_POSTGRES * postgres),
                Target.judged(format("at most %.0f WAL flushes per order, %s", WAL_FLUSHES_PER_ORDER, alone),
                        format("%.1f", database.walFlushesPerOrder()),
                        database.walFlushesPerOrder() <= WAL_FLUSHES_PER_ORDER),
                Target.judged(format("at most %.0f transactions per order over all services' databases, %s",
                        TRANSACTIONS_PER_ORDER, alone), format("%.1f", database.allTransactionsPerOrder()),
                        database.allTransactionsPerOrder() <= TRANSACTIONS_PER_ORDER),
                cpu(cpuBefore, results.steps()),
                Target.judged(format("p99 at half the sustained rate at most %.0f× the median at the lowest step",
                        P99_IN_LOWEST_MEDIANS), format("%.1f× (p99 %s at half the rate, median %s at %d orders/s)",
                        inMedians, SagaReport.ms(p99), SagaReport.ms(lowestMedian), lowest.rate()),
                        inMedians <= P99_IN_LOWEST_MEDIANS));
    }

    /** This run's CPU per order at the step of the earlier run's rate, against the earlier run's. */
    static Target cpu(CpuBefore before, List<SagaStep> steps) {
        String goal = format("the services' CPU per order at least %.0f× lower than before, at the same rate",
                CPU_REDUCTION);
        if (before == null) {
            return Target.notJudged(goal, "no earlier figure given (`--compare-cpu-at=RATE=MS`, from the earlier "
                    + "run's table of CPU per order at every step)");
        }
        var same = steps.stream().filter(step -> step.rate() == before.rate()).findFirst();
        if (same.isEmpty()) {
            return Target.notJudged(goal, format("this run stopped stepping at %d orders/s, below the %d of the "
                    + "earlier figure", steps.get(steps.size() - 1).rate(), before.rate()));
        }
        double now = same.get().allCpuPerOrder().toNanos() / 1e6;
        double lower = before.millisPerOrder() / now;
        return Target.judged(goal, format("%.2f× lower: %.2f ms now, %s before", lower, now, before.describe()),
                lower >= CPU_REDUCTION);
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
