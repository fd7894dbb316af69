package io.shopflow.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a saga run is told, from {@code --name=value} options after {@code saga}.
 *
 * @param cpuBefore  an earlier run's CPU per order at one of the step rates, which this run's at the same rate is
 *                   judged against; null when not given
 * @param resultsDir where the report and its charts are written
 * @param profileAt  the rate (orders/s) to profile the services at instead of running the benchmark
 *                   ({@code --profile-at=RATE}: {@code saga-profile-latest.md}); null for the benchmark
 */
record SagaOptions(CpuBefore cpuBefore, Path resultsDir, Integer profileAt) {

    static final SagaOptions DEFAULTS = new SagaOptions(null, BenchmarkOptions.DEFAULTS.resultsDir(), null);

    SagaOptions {
        if (profileAt != null && profileAt <= 0) {
            throw new IllegalArgumentException("--profile-at needs a rate above 0 orders/s, got " + profileAt);
        }
    }

    /**
     * All services' CPU per ended order that an earlier run measured at the step of {@code rate} orders/s: the
     * same load, so the two figures compare the code, not the rate ({@code --compare-cpu-at=RATE=MS}).
     */
    record CpuBefore(int rate, double millisPerOrder) {

        CpuBefore {
            if (!SagaBenchmark.STEPS.contains(rate)) {
                throw new IllegalArgumentException("--compare-cpu-at needs a rate the saga steps through "
                        + SagaBenchmark.STEPS + ", got " + rate);
            }
            if (!(millisPerOrder > 0)) {
                throw new IllegalArgumentException("--compare-cpu-at needs a positive CPU time in ms, got "
                        + millisPerOrder);
            }
        }

        /** "40=32.86": at 40 orders/s, 32.86 ms of CPU per order over all services. */
        static CpuBefore parse(String value) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("--compare-cpu-at needs RATE=MS (e.g. 40=32.86), got '" + value
                        + "'");
            }
            int rate = BenchmarkOptions.number("compare-cpu-at", value.substring(0, equals));
            try {
                return new CpuBefore(rate, Double.parseDouble(value.substring(equals + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--compare-cpu-at needs a CPU time in ms after '=', got '"
                        + value + "'", e);
            }
        }

        String describe() {
            return String.format(Locale.ROOT, "%.2f ms at %d orders/s", millisPerOrder, rate);
        }
    }

    static SagaOptions parse(List<String> arguments) {
        var options = DEFAULTS;
        for (var option : BenchmarkOptions.named(arguments)) {
            options = switch (option.getKey()) {
                case "compare-cpu-at" -> new SagaOptions(CpuBefore.parse(option.getValue()), options.resultsDir(),
                        options.profileAt());
                case "results" -> new SagaOptions(options.cpuBefore(), Path.of(option.getValue()),
                        options.profileAt());
                case "profile-at" -> new SagaOptions(options.cpuBefore(), options.resultsDir(),
                        BenchmarkOptions.number("profile-at", option.getValue()));
                default -> throw new IllegalArgumentException("Unknown option --" + option.getKey());
            };
        }
        return options;
    }
}
