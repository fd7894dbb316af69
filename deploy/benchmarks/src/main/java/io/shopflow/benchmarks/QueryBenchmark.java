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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One query, a user by id, asked two ways in one run: over gRPC and over REST/JSON ({@code queries}), or straight
 * from user-service and through the api-gateway ({@code gateway}). Rounds alternate between the ways so that the
 * machine's drift hits both alike. Each round is a closed loop of {@link #CALLERS} callers, each sending its next
 * request when the previous answer arrives, for {@link #ROUND}; the report gives requests per second and latency
 * percentiles per way (the median round) and the ratios. The whole platform runs as {@code ./platform up} runs it.
 */
final class QueryBenchmark {

    static final int USERS = 500;
    static final int CALLERS = 32;
    /** gRPC's callers take turns over this many channels (a connection each): one per event loop of a larger server. */
    static final int GRPC_CHANNELS = 8;
    /** The batch case: users asked at once (order-service's coalescer sends up to 100 ids per GetUsers). */
    static final int BATCH = 100;
    // Each way warms up until two windows in a row agree (its JIT has settled): with a fixed 10 s, and even 30 s,
    // the gateway's rounds were still each faster than the last, its compiler busy on two shared cores.
    static final Duration WARM_UP_WINDOW = Duration.ofSeconds(10);
    static final Duration WARM_UP_AT_LEAST = Duration.ofSeconds(30);
    static final Duration WARM_UP_AT_MOST = Duration.ofSeconds(150);
    static final double SETTLED_WITHIN = 0.05;
    private static final Duration LOST_AFTER = Duration.ofSeconds(30);
    static final Duration ROUND = Duration.ofSeconds(15);
    static final int ROUNDS = 3;
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * One round of one protocol.
     *
     * @param cpuPerRequest the CPU time each watched process spent per answered request, by process name
     */
    record Round(String protocol, long requests, long failures, Duration elapsed, LatencySummary latency,
                 Map<String, Duration> cpuPerRequest) {
        double perSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }
    }

    private QueryBenchmark() {
    }

    /**
     * gRPC against REST/JSON from the same user-service instance, in two reports: one user by id ({@code queries}:
     * REST over its pool of {@link #CALLERS} connections, gRPC over {@link #GRPC_CHANNELS} channels and over one),
     * and the batch case ({@code queries-batch}: {@code GetUsers} of {@link #BATCH} ids against as many REST calls
     * at once). With {@code gzip}, user-service's gRPC server compresses its answers and both clients ask for gzip
     * (the stems get {@code -gzip}); REST answers come compressed only from a user-service built with
     * {@code quarkus.http.enable-compression=true}, a build-time setting. Each report also gives the bytes per user
     * answered, protobuf against JSON, plain and gzipped.
     */
    static List<Path> protocols(Path projectRoot, Path resultsDir, boolean gzip) throws Exception {
        var startedAt = Instant.now();
        Map<String, Map<String, String>> settings = gzip
                ? Map.of("user-service", Map.of("quarkus.grpc.server.compression", "gzip")) : Map.of();
        String suffix = gzip ? "-gzip" : "";
        try (var platform = LocalPlatform.start(projectRoot, logs(projectRoot), System.out, settings)) {
            var userService = platform.http("user-service");
            var grpcTarget = platform.grpc("user-service");
            var ids = createUsers(userService);
            // The callers' own CPU too: they share the cores with user-service, so a costlier client lowers a
            // way's throughput as much as a costlier server does.
            var watched = new LinkedHashMap<String, ProcessHandle>();
            watched.put("user-service", platform.process("user-service"));
            watched.put("the callers", ProcessHandle.current());
            var cpu = new CpuMeter(watched);
            String compression = gzip ? ", gzip asked for by both clients and set on the gRPC server" : "";
            try (var rest = new UserQuery.Rest(userService, CALLERS, gzip);
                 var grpc = new UserQuery.Grpc(grpcTarget, GRPC_CHANNELS, gzip);
                 var oneChannel = new UserQuery.Grpc(grpcTarget, 1, gzip)) {
                var single = List.<UserQuery>of(rest, grpc, oneChannel);
                var singleReport = new ComparisonReport(startedAt, "queries" + suffix,
                        "gRPC vs REST/JSON: one user by id", setup("one user-service instance" + compression, 1),
                        alternate(single, ids, 1, cpu), sizes(single)).writeTo(resultsDir);
                var batchAt = Instant.now();
                try (var restBatch = new UserQuery.Rest(userService, CALLERS, gzip);
                     var grpcBatch = new UserQuery.Grpc(grpcTarget, GRPC_CHANNELS, gzip)) {
                    var batch = List.<UserQuery>of(restBatch, grpcBatch);
                    var batchReport = new ComparisonReport(batchAt, "queries-batch" + suffix,
                            "gRPC GetUsers vs REST/JSON: " + BATCH + " users at once",
                            setup("one user-service instance" + compression, BATCH), alternate(batch, ids, BATCH, cpu),
                            sizes(batch)).writeTo(resultsDir);
                    return List.of(singleReport, batchReport);
                }
            }
        }
    }

    /** The bytes per user answered, each way: the serialization comparison, plain and gzipped. */
    private static String sizes(List<UserQuery> ways) {
        var md = new StringBuilder("## Bytes per user answered\n\n| way | body | gzipped (sampled) |\n|---|---:|---:|\n");
        ways.forEach(way -> md.append(String.format(Locale.ROOT, "| %s | %.0f B | %.0f B |%n", way.protocol(),
                way.sizes().bytesPerUser(), way.sizes().gzipBytesPerUser())));
        return md.append(String.format(Locale.ROOT, "%nThe protobuf message or the JSON body as decoded from the wire "
                + "(HTTP/2 or HTTP/1.1 framing and headers come on top); gzipped: the same bodies compressed by the "
                + "benchmark, one in %d.%n", UserQuery.Sizes.GZIP_SAMPLE)).toString();
    }

    /**
     * The api-gateway's cost: the same REST read straight from user-service and through the gateway (token check,
     * ownership, rate limits, proxying). The gateway's rate limits are lifted for the run, since otherwise they, not
     * the gateway's work, would set the pace. Each round also counts the CPU time the gateway and user-service
     * spend per request, which says where the difference goes. Measured twice: with every process sharing every CPU,
     * and with the gateway on CPUs of its own ({@link CpuSplit}), as it runs when deployed (its own pods). Returns
     * both reports.
     */
    static List<Path> gateway(Path projectRoot, Path resultsDir) throws Exception {
        var startedAt = Instant.now();
        var unlimited = Map.of("shopflow.gateway.rate-limits.per-user.limit", "1000000000",
                "shopflow.gateway.rate-limits.per-address.limit", "1000000000");
        try (var platform = LocalPlatform.start(projectRoot, logs(projectRoot), System.out,
                Map.of("api-gateway", unlimited))) {
            var userService = platform.http("user-service");
            var gateway = platform.http("api-gateway");
            var ids = createUsers(userService);
            String authorization = "Bearer " + adminToken(gateway);
            var watched = new LinkedHashMap<String, ProcessHandle>();
            watched.put("api-gateway", platform.process("api-gateway"));
            watched.put("user-service", platform.process("user-service"));
            var cpu = new CpuMeter(watched);
            try (var direct = new UserQuery.Rest(userService, CALLERS, "direct to user-service", null, false);
                 var through = new UserQuery.Rest(gateway, CALLERS, "through the api-gateway", authorization, false)) {
                var ways = List.<UserQuery>of(direct, through);
                String asked = "one user-service instance, straight and through one api-gateway instance";
                // Written at once: a machine whose CPUs cannot be split still gets this one.
                var shared = new ComparisonReport(startedAt, "gateway", "api-gateway overhead: one user by id over REST",
                        setup(asked + ", every process on every CPU", 1), alternate(ways, ids, 1, cpu)).writeTo(resultsDir);
                var splitAt = Instant.now();
                List<Round> ownCpus;
                try (var split = CpuSplit.give(platform.process("api-gateway"))) {
                    ownCpus = alternate(ways, ids, 1, cpu);
                }
                var separate = new ComparisonReport(splitAt, "gateway-own-cpus",
                        "api-gateway overhead, the gateway on CPUs of its own: one user by id over REST",
                        setup(asked + ", the gateway on half of the CPUs and everything else (user-service, "
                                + "PostgreSQL, the broker, the callers) on the other half", 1), ownCpus);
                return List.of(shared, separate.writeTo(resultsDir));
            }
        }
    }

    static Path logs(Path projectRoot) {
        return projectRoot.resolve("deploy/benchmarks/target/platform-logs");
    }

    private static String setup(String asked, int usersPerRequest) {
        return String.format(Locale.ROOT, "The whole platform ran as `./platform up` runs it (the services' JVM "
                        + "options: %s); the benchmark asked %s "
                        + "for %s out of %d, with %d closed-loop callers, %d rounds of %d s each way, "
                        + "alternating, after each way warmed up for at least %d s and until two %d-s windows in a row "
                        + "agreed within %.0f%% (at most %d s).", LocalPlatform.serviceJavaOptions(), asked,
                usersPerRequest == 1 ? "random users" : usersPerRequest + " random users per request (a request is "
                        + "all of them answered)", USERS, CALLERS, ROUNDS, ROUND.toSeconds(),
                WARM_UP_AT_LEAST.toSeconds(), WARM_UP_WINDOW.toSeconds(), SETTLED_WITHIN * 100,
                WARM_UP_AT_MOST.toSeconds());
    }

    /** Warms each way up, then runs {@link #ROUNDS} rounds of each, alternating; {@code perRequest} users a request. */
    private static List<Round> alternate(List<UserQuery> ways, List<String> ids, int perRequest, CpuMeter cpu) {
        ways.forEach(way -> warmUp(way, ids, perRequest, cpu));
        var rounds = new ArrayList<Round>();
        for (int n = 1; n <= ROUNDS; n++) {
            for (var way : ways) {
                var round = round(way, ids, perRequest, ROUND, cpu);
                Benchmarks.progress(String.format(Locale.ROOT, "round %d, %s: %.0f requests/s, p50 %.2f ms, p99 %.2f ms",
                        n, way.protocol(), round.perSecond(), round.latency().p50().toNanos() / 1e6,
                        round.latency().p99().toNanos() / 1e6));
                rounds.add(round);
            }
        }
        return rounds;
    }

    /** Runs windows of the way until it has settled: two in a row within {@link #SETTLED_WITHIN} of each other. */
    private static void warmUp(UserQuery way, List<String> ids, int perRequest, CpuMeter cpu) {
        double previous = 0;
        for (var spent = Duration.ZERO; spent.compareTo(WARM_UP_AT_MOST) < 0; spent = spent.plus(WARM_UP_WINDOW)) {
            double perSecond = round(way, ids, perRequest, WARM_UP_WINDOW, cpu).perSecond();
            Benchmarks.progress(String.format(Locale.ROOT, "warming up %s: %.0f requests/s", way.protocol(), perSecond));
            if (spent.plus(WARM_UP_WINDOW).compareTo(WARM_UP_AT_LEAST) >= 0
                    && Math.abs(perSecond - previous) <= SETTLED_WITHIN * previous) {
                return;
            }
            previous = perSecond;
        }
        Benchmarks.progress("warming up " + way.protocol() + ": not settled after " + WARM_UP_AT_MOST.toSeconds() + " s");
    }

    /** A development token from the gateway that may read any user. */
    private static String adminToken(URI gateway) throws IOException, InterruptedException {
        return token(gateway, "\"admin:users\"");
    }

    /** A development token of the gateway's for the benchmark, with {@code permissions} (quoted, comma-separated). */
    static String token(URI gateway, String permissions) throws IOException, InterruptedException {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.resolve("/dev/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"subject\":\"benchmark\",\"permissions\":[" + permissions + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        var token = TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("No token from the gateway: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    static List<String> createUsers(URI userService) throws IOException, InterruptedException {
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

    /**
     * {@link #CALLERS} closed-loop callers asking for random users for {@code duration}. Throughput counts the answers
     * that arrived within that window: a round does not end before its last caller's last request does, and a lost
     * one (a failure after {@link UserQuery.Rest#ANSWER_TIMEOUT}) would otherwise stretch the whole round by its wait.
     */
    static Round round(UserQuery query, List<String> ids, int perRequest, Duration duration, CpuMeter cpu) {
        var cpuBefore = cpu.read();
        var calls = new Calls(System.nanoTime() + duration.toNanos());
        var callers = IntStream.range(0, CALLERS)
                .mapToObj(n -> caller(n, query, ids, perRequest, calls))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(callers).join();
        long[] nanos = calls.latencies().stream().mapToLong(Long::longValue).toArray();
        return new Round(query.protocol(), calls.answeredInWindow().get(), calls.failures().get(), duration,
                LatencySummary.of(nanos), cpu.perRequestSince(cpuBefore, nanos.length));
    }

    /** What a round's callers count: every answer's latency, the answers within the window, the failures. */
    private record Calls(long end, ConcurrentLinkedQueue<Long> latencies, AtomicLong answeredInWindow,
                         AtomicLong failures) {
        Calls(long end) {
            this(end, new ConcurrentLinkedQueue<>(), new AtomicLong(), new AtomicLong());
        }

        void answered(long sent, long now) {
            latencies.add(now - sent);
            if (now <= end) {
                answeredInWindow.incrementAndGet();
            }
        }
    }

    private static CompletableFuture<Void> caller(int caller, UserQuery query, List<String> ids, int perRequest,
                                                  Calls calls) {
        var done = new CompletableFuture<Void>();
        next(caller, query, ids, perRequest, calls, done);
        return done;
    }

    private static void next(int caller, UserQuery query, List<String> ids, int perRequest, Calls calls,
                             CompletableFuture<Void> done) {
        long sent = System.nanoTime();
        if (sent >= calls.end()) {
            done.complete(null);
            return;
        }
        var asked = ThreadLocalRandom.current().ints(perRequest, 0, ids.size()).mapToObj(ids::get).toList();
        // The clients bound their own waits; this bound is for an answer a client loses altogether, which would
        // otherwise end this caller silently and stall the round.
        query.get(caller, asked).toCompletableFuture().orTimeout(LOST_AFTER.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((ok, failure) -> {
                    try {
                        if (failure == null) {
                            calls.answered(sent, System.nanoTime());
                        } else {
                            calls.failures().incrementAndGet();
                        }
                        next(caller, query, ids, perRequest, calls, done);
                    } catch (RuntimeException | Error broken) {
                        done.completeExceptionally(broken);
                    }
                });
    }

    static void writeFile(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
