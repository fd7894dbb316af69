package io.shopflow.benchmarks;

import io.shopflow.launcher.LocalPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The same query, one user by id, against the same user-service instance over gRPC and over REST/JSON, in one
 * run: rounds alternate between the protocols so that the machine's drift hits both alike. Each round is a closed
 * loop of {@link #CALLERS} callers, each sending its next request when the previous answer arrives, for
 * {@link #ROUND}; the report gives requests per second and latency percentiles per protocol (the median round)
 * and the gRPC/REST ratio. The whole platform runs as {@code ./platform up} runs it; only user-service is asked.
 */
final class QueryBenchmark {

    static final int USERS = 500;
    static final int CALLERS = 32;
    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final Duration ROUND = Duration.ofSeconds(15);
    static final int ROUNDS = 3;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One round of one protocol. */
    record Round(String protocol, long requests, long failures, Duration elapsed, LatencySummary latency) {
        double perSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }
    }

    private QueryBenchmark() {
    }

    static Path run(Path projectRoot, Path resultsDir) throws Exception {
        var startedAt = Instant.now();
        try (var platform = LocalPlatform.start(projectRoot,
                projectRoot.resolve("deploy/benchmarks/target/platform-logs"), System.out)) {
            var userService = platform.http("user-service");
            var ids = createUsers(userService);
            var rounds = new ArrayList<Round>();
            try (var rest = new UserQuery.Rest(userService, CALLERS); var grpc = new UserQuery.Grpc(userService)) {
                for (var query : List.<UserQuery>of(rest, grpc)) {
                    Benchmarks.progress("warming up " + query.protocol() + " for " + WARM_UP.toSeconds() + " s");
                    round(query, ids, WARM_UP);
                }
                for (int n = 1; n <= ROUNDS; n++) {
                    for (var query : List.<UserQuery>of(rest, grpc)) {
                        var round = round(query, ids, ROUND);
                        Benchmarks.progress(String.format(Locale.ROOT, "round %d, %s: %.0f requests/s, p50 %.2f ms, "
                                        + "p99 %.2f ms", n, query.protocol(), round.perSecond(),
                                round.latency().p50().toNanos() / 1e6, round.latency().p99().toNanos() / 1e6));
                        rounds.add(round);
                    }
                }
            }
            return new QueryReport(startedAt, rounds).writeTo(resultsDir, "queries-" + FILE_STAMP.format(startedAt));
        }
    }

    private static List<String> createUsers(URI userService) throws IOException, InterruptedException {
        var http = HttpClient.newHttpClient();
        var ids = new ArrayList<String>();
        for (int n = 0; n < USERS; n++) {
            String body = String.format(Locale.ROOT, "{\"name\":\"Benchmark user %d\",\"email\":\"bench-%d-%d@example.org\","
                    + "\"address\":\"%d Query Street\"}", n, n, System.nanoTime(), n);
            var response = http.send(HttpRequest.newBuilder(userService.resolve("/api/v1/users"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            var id = ID.matcher(response.body());
            if (response.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("Could not create a user: " + response.statusCode() + " " + response.body());
            }
            ids.add(id.group(1));
        }
        return ids;
    }

    /** {@link #CALLERS} closed-loop callers asking for random users until {@code duration} is over. */
    static Round round(UserQuery query, List<String> ids, Duration duration) {
        var latencies = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        var callers = IntStream.range(0, CALLERS)
                .mapToObj(n -> caller(query, ids, end, latencies, failures))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(callers).join();
        var elapsed = Duration.ofNanos(System.nanoTime() - start);
        long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
        return new Round(query.protocol(), nanos.length, failures.get(), elapsed, LatencySummary.of(nanos));
    }

    private static CompletableFuture<Void> caller(UserQuery query, List<String> ids, long end,
                                                  ConcurrentLinkedQueue<Long> latencies, AtomicLong failures) {
        var done = new CompletableFuture<Void>();
        next(query, ids, end, latencies, failures, done);
        return done;
    }

    private static void next(UserQuery query, List<String> ids, long end, ConcurrentLinkedQueue<Long> latencies,
                             AtomicLong failures, CompletableFuture<Void> done) {
        long sent = System.nanoTime();
        if (sent >= end) {
            done.complete(null);
            return;
        }
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        query.get(id).whenComplete((ok, failure) -> {
            if (failure == null) {
                latencies.add(System.nanoTime() - sent);
            } else {
                failures.incrementAndGet();
            }
            next(query, ids, end, latencies, failures, done);
        });
    }

    static void writeFile(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
