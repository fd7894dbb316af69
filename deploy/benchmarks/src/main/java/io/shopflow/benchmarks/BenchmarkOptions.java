package io.shopflow.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a relay run measures, from {@code --name=value} options; every option has a default that keeps a whole run
 * under about six minutes on a two-core machine.
 *
 * @param events         events per throughput measurement, for the raw producer and for each relay setup
 * @param warmupEvents   events sent through both paths first and not reported, so the JIT has compiled them
 * @param latencyRate    events per second during the latency measurements
 * @param latencyTime    how long each latency measurement writes events
 * @param writerEvents   events a service's writers commit while the relay runs, against its drain rate
 * @param resultsDir     where the report and the chart are written
 */
record BenchmarkOptions(int events, int warmupEvents, int latencyRate, Duration latencyTime, int writerEvents,
                        Path resultsDir) {

    static final String USAGE = """
            Usage: java -jar deploy/benchmarks/target/benchmarks.jar relay [options]
                   java -jar deploy/benchmarks/target/benchmarks.jar saga [options]
                   java -jar deploy/benchmarks/target/benchmarks.jar sealing [options]
                   java -jar deploy/benchmarks/target/benchmarks.jar queries | gateway

            saga:
              --compare-cpu-at=RATE=MS  an earlier run's CPU per order over all services at its step of RATE
                                    orders/s (its table "CPU per order at every step"): this run's at the same
                                    rate is judged against it
              --profile-at=RATE     no benchmark: the saga warmed up, then at RATE orders/s with a JFR
                                    recording in every service, and where each one's CPU went
                                    (saga-profile-latest.md)
              --results=DIR         where saga-latest.md and its charts go (default deploy/benchmarks/results)

            sealing:
              --events=N            events per measurement (default 20000)
              --rounds=N            rounds of each measurement, the median reported (default 5)
              --results=DIR         where sealing-latest.md goes (default deploy/benchmarks/results)

            relay:
              --events=N            events per throughput measurement (default 60000)
              --warmup-events=N     events through each path before measuring, not reported (default 20000)
              --latency-rate=N      events per second during the latency measurements (default 200)
              --latency-seconds=N   seconds each latency measurement lasts (default 20)
              --writer-events=N     events a service's writers commit while the relay runs (default 10000)
              --results=DIR         where relay-latest.md and its SVG chart go
                                    (default deploy/benchmarks/results)
            """;

    /** The warm-up matches a measurement: with fewer, the first raw producer runs were still getting faster. */
    static final BenchmarkOptions DEFAULTS = new BenchmarkOptions(60_000, 20_000, 200, Duration.ofSeconds(20),
            10_000, Path.of("deploy", "benchmarks", "results"));

    BenchmarkOptions {
        if (events < 1 || warmupEvents < 0 || latencyRate < 1 || latencyTime.isNegative() || latencyTime.isZero()
                || writerEvents < 1) {
            throw new IllegalArgumentException("Counts, rate and duration must be positive");
        }
    }

    static BenchmarkOptions parse(List<String> arguments) {
        var options = DEFAULTS;
        for (var option : named(arguments)) {
            options = options.with(option.getKey(), option.getValue());
        }
        return options;
    }

    /** Each {@code --name=value} argument as name and value, in order; anything else is refused. */
    static List<Map.Entry<String, String>> named(List<String> arguments) {
        return arguments.stream().map(argument -> {
            int equals = argument.indexOf('=');
            if (!argument.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Expected --name=value, got '" + argument + "'");
            }
            return Map.entry(argument.substring(2, equals), argument.substring(equals + 1));
        }).toList();
    }

    private BenchmarkOptions with(String name, String value) {
        return switch (name) {
            case "events" -> new BenchmarkOptions(number(name, value), warmupEvents, latencyRate, latencyTime,
                    writerEvents, resultsDir);
            case "warmup-events" -> new BenchmarkOptions(events, number(name, value), latencyRate, latencyTime,
                    writerEvents, resultsDir);
            case "latency-rate" -> new BenchmarkOptions(events, warmupEvents, number(name, value), latencyTime,
                    writerEvents, resultsDir);
            case "latency-seconds" -> new BenchmarkOptions(events, warmupEvents, latencyRate,
                    Duration.ofSeconds(number(name, value)), writerEvents, resultsDir);
            case "writer-events" -> new BenchmarkOptions(events, warmupEvents, latencyRate, latencyTime,
                    number(name, value), resultsDir);
            case "results" -> new BenchmarkOptions(events, warmupEvents, latencyRate, latencyTime, writerEvents,
                    Path.of(value));
            default -> throw new IllegalArgumentException("Unknown option --" + name);
        };
    }

    static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a whole number, got '" + value + "'", e);
        }
    }
}
