package io.shopflow.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.AppInfoParser;

/** What the figures were measured on: they mean little without it. */
record MachineFacts(int cores, String cpu, String os, String jvm, String postgres, String kafka) {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    private static final String CPU_MODEL_KEY = "model name";

    static MachineFacts of(BenchmarkInfrastructure infrastructure) {
        return new MachineFacts(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                String.join(" ", System.getProperty("os.name"), System.getProperty("os.version"),
                        System.getProperty("os.arch")),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "PostgreSQL " + infrastructure.postgresVersion() + " (" + infrastructure.postgresOrigin() + ")",
                // The broker runs from the same Kafka release as the clients, both pinned by the Quarkus BOM.
                "Apache Kafka " + AppInfoParser.getVersion() + " (single-node KRaft broker in the benchmark's JVM)");
    }

    private static String cpuModel() {
        try (var lines = Files.lines(CPU_INFO)) {
            return lines.filter(line -> line.startsWith(CPU_MODEL_KEY))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + CPU_INFO + " not readable)";
        }
    }
}
