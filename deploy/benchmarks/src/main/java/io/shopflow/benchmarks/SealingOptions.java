package io.shopflow.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sealing run measures, from {@code --name=value} options. The defaults keep a run to about two minutes on two
 * cores; {@code --events=2000 --rounds=1} checks that it works in seconds.
 *
 * @param events     events per measurement: each way of writing and reading, and each relay drain
 * @param rounds     rounds of every measurement, the ways alternating within a round; the median round is reported
 * @param resultsDir where the report goes
 */
record SealingOptions(int events, int rounds, Path resultsDir) {

    static final SealingOptions DEFAULTS = new SealingOptions(20_000, 5, Path.of("deploy", "benchmarks", "results"));

    SealingOptions {
        if (events < 1 || rounds < 1) {
            throw new IllegalArgumentException("--events and --rounds must be positive");
        }
    }

    static SealingOptions parse(List<String> arguments) {
        var options = DEFAULTS;
        for (var option : BenchmarkOptions.named(arguments)) {
            String name = option.getKey();
            String value = option.getValue();
            options = switch (name) {
                case "events" -> new SealingOptions(BenchmarkOptions.number(name, value), options.rounds,
                        options.resultsDir);
                case "rounds" -> new SealingOptions(options.events, BenchmarkOptions.number(name, value),
                        options.resultsDir);
                case "results" -> new SealingOptions(options.events, options.rounds, Path.of(value));
                default -> throw new IllegalArgumentException("Unknown option --" + name);
            };
        }
        return options;
    }
}
