package io.shopflow.benchmarks;

import io.shopflow.benchmarks.SealingResults.CpuRound;
import io.shopflow.benchmarks.SealingResults.RelayRound;
import io.shopflow.benchmarks.SealingResults.Way;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The report of a sealing run, {@code sealing-latest.md}: CPU per event of each way with the sealed/clear ratio of
 * the median rounds, payload and broker bytes per event, the relay's throughput with each, and every round. Each run
 * replaces the previous report; earlier ones are in git's history.
 */
record SealingReport(SealingResults results) {

    static final String LATEST = "sealing-latest";

    Path writeTo(Path directory) throws IOException {
        var report = directory.resolve(LATEST + ".md");
        QueryBenchmark.writeFile(report, markdown());
        return report;
    }

    String markdown() {
        var md = new StringBuilder();
        var machine = results.machine();
        var options = results.options();
        md.append("# Sealing personal data: its cost per event, ")
                .append(ComparisonReport.HEADING_TIME.format(results.startedAt())).append("\n\n");
        md.append("Written by `java -jar deploy/benchmarks/target/benchmarks.jar sealing` ")
                .append("(see [the README](../README.md)); rerun it rather than editing this file. All figures come ")
                .append("from one run on one machine: the baseline (clear text) is measured in the same run, ")
                .append("alternating with the sealed events.\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s; %s; %s; %s.%n%n", machine.cores(), machine.cpu(),
                machine.jvm(), machine.postgres(), machine.kafka()));
        md.append(String.format(Locale.ROOT, """
                Events: `UserRegistered` of a new user each, name, email and address of real length; v1 with them in \
                clear text (what user-service wrote before sealing), v2 sealed (a JWE each, `dir`/`A256GCM`, the \
                user's own data key). %,d events per measurement; rounds: %d, the median one reported.%n%n""",
                options.events(), options.rounds()));
        cpu(md);
        bytes(md);
        relay(md);
        md.append("""
                ## What it does not measure

                - user-service reads the user's data-key row (one indexed `SELECT` in the registration's transaction) \
                before sealing, and writes it once per new user; those round trips to PostgreSQL are not timed here.
                - notification-service fetches a key it does not hold from user-service's `GetDataKeys` (gRPC); here \
                the key cache's store answers from memory. That call's cost is in the \
                [queries report](queries-latest.md). Work the cache hands to other threads (Caffeine's upkeep) is \
                not in the measuring thread's CPU time.
                - Consumers that need no clear text (order-service) decode v2 without opening anything: the read row's \
                "decode" part only.

                """);
        everyRound(md);
        return md.toString();
    }

    private void cpu(StringBuilder md) {
        md.append("## CPU per event, one thread (median round)\n\n");
        md.append("| step | clear text (v1) | sealed (v2) | sealed / clear | sealing's cost ")
                .append("| what the sealed way does |\n");
        md.append("|---|---:|---:|---:|---:|---|\n");
        cpuRow(md, "write", results.median(Way.WRITE_CLEAR), results.median(Way.WRITE_SEALED));
        cpuRow(md, "read", results.median(Way.READ_CLEAR), results.median(Way.READ_SEALED));
        md.append("\nCPU time (user + system) of the measuring thread, as the JVM reads it, over the events of a ")
                .append("round.\n\n");
    }

    private static void cpuRow(StringBuilder md, String step, CpuRound clear, CpuRound sealed) {
        md.append(String.format(Locale.ROOT, "| %s | %.1f µs | %.1f µs | **%.2f** | %+.1f µs | %s |%n", step,
                clear.microsPerEvent(), sealed.microsPerEvent(), sealed.microsPerEvent() / clear.microsPerEvent(),
                sealed.microsPerEvent() - clear.microsPerEvent(), sealed.way().what));
    }

    private void bytes(StringBuilder md) {
        var payload = results.payloadBytes();
        var clear = results.medianDrain(false).drain();
        var sealed = results.medianDrain(true).drain();
        md.append("## Bytes per event\n\n| | clear text (v1) | sealed (v2) | sealed / clear |\n|---|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| JSON payload (outbox row, record value) | %.0f | %.0f | **%.2f** |%n",
                payload.clear(), payload.sealed(), payload.sealed() / payload.clear()));
        md.append(String.format(Locale.ROOT, "| on the broker (record batches as the relay's producer wrote them) "
                        + "| %.0f | %.0f | **%.2f** |%n%n", clear.bytesPerEvent(), sealed.bytesPerEvent(),
                sealed.bytesPerEvent() / clear.bytesPerEvent()));
        md.append("A sealed field is base64url of a header naming its key, a 96-bit IV, the ciphertext and a 128-bit ")
                .append("tag; ciphertext does not compress, so the producer's compression gains less on sealed ")
                .append("events.\n\n");
    }

    private void relay(StringBuilder md) {
        var clear = results.medianDrain(false).drain();
        var sealed = results.medianDrain(true).drain();
        md.append("## Through the outbox relay (median drain)\n\n");
        md.append(String.format(Locale.ROOT, """
                %s (as quarkus-events runs it in a service), emptying an outbox of %,d events committed 100 per \
                transaction, onto topic `%s` with %d partitions, until every event is acknowledged and deleted.%n%n""",
                clear.throughput().label(), results.options().events(), UserRegistrations.TOPIC,
                BenchmarkInfrastructure.TOPIC_PARTITIONS));
        md.append("| events | events/s | sealed / clear |\n|---|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| clear text (v1) | %,.0f | |%n", clear.throughput().eventsPerSecond()));
        md.append(String.format(Locale.ROOT, "| sealed (v2) | %,.0f | **%.2f** |%n%n",
                sealed.throughput().eventsPerSecond(), sealed.throughput().ratioTo(clear.throughput())));
        md.append("The relay never opens a sealed field: what differs for it is the size of the rows and records.\n\n");
    }

    private void everyRound(StringBuilder md) {
        md.append("## Every round\n\n| way | events | CPU | per event |\n|---|---:|---:|---:|\n");
        for (CpuRound round : results.cpu()) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f ms | %.1f µs |%n", round.way().label,
                    round.events(), round.cpu().toNanos() / 1e6, round.microsPerEvent()));
        }
        md.append("\n| relay drain | events | seconds | events/s | broker bytes per event |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (RelayRound round : results.relay()) {
            var drain = round.drain();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %.0f |%n",
                    round.sealed() ? "sealed (v2)" : "clear text (v1)", drain.throughput().events(),
                    drain.throughput().elapsed().toNanos() / 1e9, drain.throughput().eventsPerSecond(),
                    drain.bytesPerEvent()));
        }
    }
}
