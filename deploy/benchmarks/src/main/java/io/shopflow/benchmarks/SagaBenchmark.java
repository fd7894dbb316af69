package io.shopflow.benchmarks;

import static io.shopflow.benchmarks.ThreadCpu.Threads.JIT_COMPILERS;

import io.shopflow.launcher.LocalPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order flow end to end ({@code saga}): orders placed through the api-gateway, timed from the request to the
 * saga's end (the order's OrderConfirmed or OrderCancelled event). The saga is stepped through rising fixed rates
 * until its sagas stop ending as fast as they are placed: the last rate it kept up with is what it sustains; each step
 * notes the CPU an order cost each service, so that runs of different code compare at the same rate. Then that rate
 * once more, measured alone for what an order costs PostgreSQL (transactions per service, WAL flushes); its latency
 * at half that rate, what it accepts when flooded (and how fast the backlog drains), and what it accepts
 * with the payment provider down. Against baselines measured in the same run: the raw Kafka producer on the same
 * records, PostgreSQL alone committing the same event appends ({@link RawPostgresPath}), and the synchronous chain
 * ({@link SyncChain}) on the same services with the payment provider normal, slow and down. The whole platform runs
 * as {@code ./platform up} runs it, with the gateway's rate limits lifted.
 */
final class SagaBenchmark {

    static final int CLIENTS = 32;
    static final Duration PHASE = Duration.ofSeconds(20);
    /**
     * The sustained rate is run once more on its own, long enough that its transactions and WAL flushes outweigh
     * the services' idle work over the settling before and after it.
     */
    static final Duration MEASURED_ALONE = Duration.ofSeconds(30);
    /**
     * The saga is warmed up at a steady rate for long enough that the services' JIT compilers are done with its
     * paths: profiled at 10 orders/s, CPU per order fell by half over the first two minutes (the compiler threads
     * took two fifths of order-service's CPU in the first ones), and a 30-second warm-up measured the compilers.
     */
    static final Duration SAGA_WARM_UP = Duration.ofSeconds(150);
    static final int WARM_UP_RATE = 10;
    /**
     * On a slow hour the compilers were still at a tenth of a core a service after those 150 s, half the services'
     * CPU at 5 orders/s: the warm-up goes on in rounds of {@link #JIT_ROUND} until the compilers took at most
     * {@link #JIT_SETTLED} of the services' CPU over a round, or {@link #JIT_ROUNDS} rounds have run.
     */
    static final Duration JIT_ROUND = Duration.ofSeconds(30);
    static final double JIT_SETTLED = 0.1;
    static final int JIT_ROUNDS = 6;
    static final Duration CHAIN_WARM_UP = Duration.ofSeconds(30);
    /** The rates (orders/s) the saga is stepped through until it no longer keeps up. */
    static final List<Integer> STEPS = List.of(5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 400, 500, 600);
    /**
     * A step is kept up with when its sagas ended, from the step's start to the last end, at this share of the rate
     * they were placed at or more: the rest is the latency of the last orders, not a backlog.
     */
    static final double KEPT_UP = 0.9;
    static final Duration PROVIDER_LATENCY = Duration.ofMillis(5);
    static final Duration SLOW_PROVIDER = Duration.ofMillis(200);
    private static final double DOWN = 1;
    private static final double UP = 0;
    /** How long the orders of a phase may take to end once it is over before the run is declared broken. */
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int RAW_EVENTS = 20_000;
    private static final int RAW_TRANSACTIONS = 5_000;
    /** A topic of its own: the services would take records on the order topic for real orders. */
    private static final String RAW_TOPIC = "benchmark.raw-producer";
    /** The services with a database of their own, which are also the ones consuming Kafka's topics. */
    private static final List<String> DATABASE_OWNERS = List.of("order-service", "inventory-service",
            "payment-service", "user-service", "shipping-service", "notification-service");
    /** The seeded products with plenty of stock (LAMP-LIMITED has five). */
    static final List<String> SKUS = List.of("BOOK-DDD", "BOOK-EIP", "BOOK-DDIA", "MUG-KAFKA", "MUG-SAGA",
            "TSHIRT-OUTBOX", "STICKER-CE", "PEN-FOUNTAIN", "NOTEBOOK-A5", "KEYBOARD-60");

    /**
     * One measured phase: what went through ({@code succeeded}: chains that placed an order, orders accepted, or
     * sagas ended, confirmed or cancelled) and what did not ({@code failed}: refused or unanswered), in how long, and
     * the latency of what went through (none when nothing did).
     */
    record Phase(String label, long succeeded, long failed, Duration elapsed, LatencySummary latency) {
        double perSecond() {
            return succeeded / (elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Everything the report says; {@code sustained} is the last of {@code steps} kept up with, {@code alone} its
     * rate run once more and measured on its own, {@code deadlocks} what each service's database broke over every
     * saga phase.
     */
    record Results(Instant startedAt, Throughput rawProducer, Throughput rawPostgres, Phase syncNormal,
                   Phase syncSlow, Phase syncDown, List<SagaStep> steps, SagaStep sustained, MeasuredAlone alone,
                   Phase sagaHalfRate, Phase floodAccepted, Phase floodEnded, Phase sagaProviderDown,
                   Timeline timeline, Map<String, Long> deadlocks) {
    }

    /**
     * A rate measured with nothing before or after it in PostgreSQL's counts: what an order costs there, in CPU
     * ({@code step}) and in transactions and WAL flushes ({@code database}); and what the services spent at rest in
     * the pauses before and after it ({@code atRest}); how busy the machine's cores were meanwhile ({@code cores}).
     */
    record MeasuredAlone(SagaStep step, CommitMeter.Cost database, RecordMeter.Traffic records,
                         RestingCpu.Reading atRest, Optional<CoresBusy.Share> cores) {
    }

    /** Orders placed and sagas ended in each second of the saga's phases, and where each phase began. */
    record Timeline(long[] placed, long[] ended, List<SvgTimeline.Mark> phases) {
    }

    private final LocalPlatform platform;
    private final URI orders;
    private final String authorization;
    private final List<String> users;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    /** The orders each measured saga phase placed, with when each was sent, for the timeline. */
    private final List<Map<String, Long>> sagaOrders = new ArrayList<>();
    private final List<SvgTimeline.Mark> sagaPhases = new ArrayList<>();
    private long sagaStarted;

    private SagaBenchmark(LocalPlatform platform, String token, List<String> users) {
        this.platform = platform;
        this.orders = platform.http("api-gateway").resolve("/api/v1/orders");
        this.authorization = "Bearer " + token;
        this.users = users;
    }

    static Path run(Path projectRoot, SagaOptions options) throws Exception {
        var startedAt = Instant.now();
        var unlimited = Map.of("shopflow.gateway.rate-limits.per-user.limit", "1000000000",
                "shopflow.gateway.rate-limits.per-address.limit", "1000000000",
                "shopflow.gateway.rate-limits.order-placements.limit", "1000000000");
        try (var platform = LocalPlatform.start(projectRoot, QueryBenchmark.logs(projectRoot), System.out,
                Map.of("api-gateway", unlimited))) {
            var gateway = platform.http("api-gateway");
            var users = QueryBenchmark.createUsers(platform.http("user-service"));
            var token = QueryBenchmark.token(gateway, "\"orders:read\",\"orders:write\",\"admin:orders\"");
            var benchmark = new SagaBenchmark(platform, token, users);
            if (options.profileAt() != null) {
                return benchmark.profile(options.profileAt(), startedAt).writeTo(options.resultsDir());
            }
            return new SagaReport(benchmark.measure(startedAt), options.cpuBefore()).writeTo(options.resultsDir());
        }
    }

    private Results measure(Instant startedAt) throws Exception {
        var chain = new SyncChain(platform.http("user-service"), platform.http("inventory-service"),
                platform.http("payment-provider"), users, SKUS);
        provider(PROVIDER_LATENCY, UP);
        try (var completions = new OrderCompletions(platform.kafkaBootstrapServers())) {
            Benchmarks.progress(String.format(Locale.ROOT, "warming up (not reported): the saga at %d orders/s for "
                    + "%d s or until the JIT compilers settle, then the synchronous chain for %d s", WARM_UP_RATE,
                    SAGA_WARM_UP.toSeconds(), CHAIN_WARM_UP.toSeconds()));
            warmUp(completions);
            closedLoop("warm-up", CHAIN_WARM_UP, chain::placeOne);

            Benchmarks.progress("raw producer, " + RAW_EVENTS + " OrderPlaced records");
            var rawProducer = new RawProducerPath(platform.kafkaBootstrapServers(), RAW_TOPIC)
                    .throughput("raw producer", OrderEvents.batch("saga-raw-" + UUID.randomUUID(), RAW_EVENTS));
            Benchmarks.progress("raw PostgreSQL, " + RAW_TRANSACTIONS + " transactions of an event append");
            var rawPostgres = RawPostgresPath.throughput("raw PostgreSQL",
                    OrderEvents.batch("saga-raw-pg-" + UUID.randomUUID(), RAW_TRANSACTIONS));
            var syncNormal = closedLoop("synchronous chain", PHASE, chain::placeOne);
            provider(SLOW_PROVIDER, UP);
            var syncSlow = closedLoop("synchronous chain, provider slow", PHASE, chain::placeOne);
            provider(PROVIDER_LATENCY, DOWN);
            var syncDown = closedLoop("synchronous chain, provider down", PHASE, chain::placeOne);
            provider(PROVIDER_LATENCY, UP);

            var database = new CommitMeter(platform, DATABASE_OWNERS);
            var beforeSagas = database.read();
            sagaStarted = System.nanoTime();
            var steps = stepUp(completions);
            var sustained = steps.stream().filter(SagaStep::keptUp).reduce((earlier, later) -> later)
                    .orElseThrow(() -> new IllegalStateException("The saga did not keep up with " + STEPS.get(0)
                            + " orders/s"));
            var alone = measureAlone(sustained.rate(), completions);
            int halfRate = (int) Math.max(1, sustained.phase().perSecond() / 2);
            var halfRatePhase = placeAtFixedRate(sagaAt(halfRate), halfRate, PHASE, completions,
                    sagaPhase("half: " + halfRate + "/s"));
            var flood = placeAtMost("saga flooded", PHASE, completions, sagaPhase("flooded"));
            provider(PROVIDER_LATENCY, DOWN);
            var providerDownOrders = sagaPhase("provider down");
            var providerDown = closedLoop("saga, provider down: orders accepted", PHASE,
                    () -> place(providerDownOrders));
            provider(PROVIDER_LATENCY, UP);
            return new Results(startedAt, rawProducer, rawPostgres, syncNormal, syncSlow, syncDown, steps, sustained,
                    alone, halfRatePhase, flood.accepted(), flood.ended(), providerDown, timeline(completions),
                    database.read().deadlocksSince(beforeSagas));
        }
    }

    /**
     * The saga warmed up as the benchmark does, then at {@code rate} for {@link #MEASURED_ALONE} with a JFR recording
     * in every service ({@code jcmd}, the JDK's own tool, from the JDK running this), read into where each one's CPU
     * went. The recordings are deleted once read: they are large and say nothing the report does not.
     */
    private SagaProfileReport profile(int rate, Instant startedAt) throws Exception {
        provider(PROVIDER_LATENCY, UP);
        var recordings = Files.createTempDirectory("saga-profile");
        try (var completions = new OrderCompletions(platform.kafkaBootstrapServers())) {
            Benchmarks.progress(String.format(Locale.ROOT, "warming up: the saga at %d orders/s for %d s or until "
                    + "the JIT compilers settle", WARM_UP_RATE, SAGA_WARM_UP.toSeconds()));
            warmUp(completions);
            services().forEach((service, process) -> jcmd(process, "JFR.start", "name=saga-profile",
                    "settings=profile"));
            var step = step(sagaAt(rate) + ", profiled", rate, MEASURED_ALONE, "profiled", completions);
            var profiles = new LinkedHashMap<String, HotSpots>();
            for (var service : services().entrySet()) {
                var recording = recordings.resolve(service.getKey() + ".jfr");
                jcmd(service.getValue(), "JFR.stop", "name=saga-profile", "filename=" + recording);
                profiles.put(service.getKey(), HotSpots.read(recording));
                Files.delete(recording);
            }
            return new SagaProfileReport(startedAt, step, profiles);
        } finally {
            Files.deleteIfExists(recordings);
        }
    }

    private static void jcmd(ProcessHandle process, String... command) {
        var line = new ArrayList<String>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(process.pid()));
        line.addAll(List.of(command));
        try {
            var jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", line), e);
        }
    }

    /** The saga at each rate of {@link #STEPS} in turn, until a step is not kept up with (that one included). */
    private List<SagaStep> stepUp(OrderCompletions completions) throws Exception {
        var steps = new ArrayList<SagaStep>();
        for (int rate : STEPS) {
            var step = step(sagaAt(rate), rate, PHASE, "saga at " + rate + "/s", completions);
            steps.add(step);
            if (!step.keptUp()) {
                break;
            }
        }
        return steps;
    }

    /**
     * The saga at {@link #WARM_UP_RATE} for {@link #SAGA_WARM_UP}, then for as long as the services' JIT compilers
     * have not settled ({@link #JIT_SETTLED}); not on the timeline, not reported.
     */
    private void warmUp(OrderCompletions completions) throws Exception {
        String label = sagaAt(WARM_UP_RATE) + ", warming up";
        placeAtFixedRate(label, WARM_UP_RATE, SAGA_WARM_UP, completions, new ConcurrentHashMap<>());
        for (int round = 1; round <= JIT_ROUNDS; round++) {
            var step = step(label + " until the JIT compilers settle", WARM_UP_RATE, JIT_ROUND, completions,
                    new ConcurrentHashMap<>());
            if (step.jitPerOrder() == null) {
                return;
            }
            double share = (double) step.jitPerOrder().toNanos() / Math.max(1, step.allCpuPerOrder().toNanos());
            Benchmarks.progress(String.format(Locale.ROOT, "  the JIT compilers took %.0f%% of the services' CPU",
                    100 * share));
            if (share <= JIT_SETTLED) {
                return;
            }
        }
    }

    /**
     * The saga at {@code rate} for {@code duration}, with the CPU its orders cost each service; {@code mark} names
     * it on the timeline.
     */
    private SagaStep step(String label, int rate, Duration duration, String mark, OrderCompletions completions)
            throws Exception {
        return step(label, rate, duration, completions, sagaPhase(mark));
    }

    /** The saga at {@code rate} for {@code duration}, its orders noted in {@code sentAt}, with their CPU. */
    private SagaStep step(String label, int rate, Duration duration, OrderCompletions completions,
                          Map<String, Long> sentAt) throws Exception {
        var cpu = new CpuMeter(services());
        var cpuBefore = cpu.read();
        var jitBefore = ThreadCpu.spentBy(services().values(), JIT_COMPILERS);
        var phase = placeAtFixedRate(label, rate, duration, completions, sentAt);
        long orders = Math.max(1, phase.succeeded());
        // A compiler thread that ended meanwhile took its time with it: never less than nothing.
        var jit = ThreadCpu.spentBy(services().values(), JIT_COMPILERS)
                .flatMap(after -> jitBefore.map(before -> after.minus(before)))
                .map(spent -> spent.isNegative() ? Duration.ZERO : spent.dividedBy(orders)).orElse(null);
        return new SagaStep(rate, phase, cpu.perRequestSince(cpuBefore, phase.succeeded()), jit);
    }

    /**
     * The saga at {@code rate} once more, with PostgreSQL's counts read after {@link CommitMeter#SETTLE} without
     * load before and after, so that they hold this phase's work alone (and the services' idle work over those
     * seconds), not the steps' or a backlog's. The services' CPU in those pauses is what they spend at rest.
     */
    private MeasuredAlone measureAlone(int rate, OrderCompletions completions) throws Exception {
        var database = new CommitMeter(platform, DATABASE_OWNERS);
        var atRest = new RestingCpu(services());
        try (var records = new RecordMeter(platform.kafkaBootstrapServers(), DATABASE_OWNERS)) {
            atRest.settle();
            var before = database.read();
            var recordsBefore = records.read();
            var coresBefore = CoresBusy.read(services().values());
            var step = step(sagaAt(rate) + ", measured alone", rate, MEASURED_ALONE, "alone: " + rate + "/s",
                    completions);
            var cores = CoresBusy.between(coresBefore, CoresBusy.read(services().values()));
            atRest.settle();
            long orders = step.phase().succeeded();
            return new MeasuredAlone(step, CommitMeter.Cost.between(before, database.read(), orders),
                    RecordMeter.Traffic.between(recordsBefore, records.read(), orders), atRest.reading(), cores);
        }
    }

    private static String sagaAt(int rate) {
        return "saga at " + rate + " orders/s";
    }

    /** Marks a saga phase beginning now; returns where its orders are to be noted, which the timeline reads. */
    private Map<String, Long> sagaPhase(String label) {
        sagaPhases.add(new SvgTimeline.Mark((System.nanoTime() - sagaStarted) / 1_000_000_000L, label));
        var orders = new ConcurrentHashMap<String, Long>();
        sagaOrders.add(orders);
        return orders;
    }

    /** Each second since the saga's phases began: orders placed, and sagas ended (of those that have). */
    private Timeline timeline(OrderCompletions completions) {
        long seconds = (System.nanoTime() - sagaStarted) / 1_000_000_000L + 1;
        var placed = new long[(int) seconds];
        var ended = new long[(int) seconds];
        sagaOrders.forEach(phase -> phase.forEach((orderId, sentAt) -> {
            placed[second(sentAt, seconds)]++;
            var endedAt = completions.endedAt(orderId);
            if (endedAt != null) {
                ended[second(endedAt, seconds)]++;
            }
        }));
        return new Timeline(placed, ended, List.copyOf(sagaPhases));
    }

    private int second(long nanoTime, long seconds) {
        return (int) Math.min(seconds - 1, Math.max(0, (nanoTime - sagaStarted) / 1_000_000_000L));
    }

    /** What a closed loop of placements gave: the orders accepted, and their sagas ended. */
    private record Placements(Phase accepted, Phase ended) {
    }

    /**
     * {@link #CLIENTS} clients placing orders as fast as they are accepted, for {@code duration}, noting them in
     * {@code sentAt}; then their ends.
     */
    private Placements placeAtMost(String label, Duration duration, OrderCompletions completions,
                                   Map<String, Long> sentAt) throws Exception {
        long started = System.nanoTime();
        var accepted = closedLoop(label + ": orders accepted", duration, () -> place(sentAt));
        return new Placements(accepted, ended(label + ": sagas ended", sentAt, accepted.failed(), started,
                completions));
    }

    /**
     * Orders placed at {@code perSecond} whatever the answers take (an open workload), for {@code duration}, noted in
     * {@code sentAt}; then their ends.
     */
    private Phase placeAtFixedRate(String label, int perSecond, Duration duration, OrderCompletions completions,
                                   Map<String, Long> sentAt) throws Exception {
        Benchmarks.progress(String.format(Locale.ROOT, "%s for %d s", label, duration.toSeconds()));
        var refused = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS * 4);
        long started = System.nanoTime();
        try {
            FixedRate.run(perSecond, duration, n -> clients.execute(() -> {
                try {
                    if (!place(sentAt)) {
                        refused.incrementAndGet();
                    }
                } catch (IOException noAnswer) {
                    refused.incrementAndGet();
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                }
            }));
        } finally {
            clients.shutdown();
            clients.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        return ended(label + ": sagas ended", sentAt, refused.get(), started, completions);
    }

    /** Places one order; true when it was accepted (202), noting when it was sent. */
    private boolean place(Map<String, Long> sentAt) throws IOException, InterruptedException {
        var random = ThreadLocalRandom.current();
        String body = String.format(Locale.ROOT, "{\"userId\":\"%s\",\"lines\":[{\"sku\":\"%s\",\"quantity\":1}]}",
                users.get(random.nextInt(users.size())), SKUS.get(random.nextInt(SKUS.size())));
        long sent = System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(orders).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        var id = QueryBenchmark.ID.matcher(response.body());
        if (response.statusCode() != 202 || !id.find()) {
            return false;
        }
        sentAt.put(id.group(1), sent);
        return true;
    }

    /** Waits for the orders' sagas to end; the phase runs from its start to the last end. */
    private static Phase ended(String label, Map<String, Long> sentAt, long refused, long started,
                               OrderCompletions completions) throws InterruptedException {
        if (!completions.awaitEnded(sentAt.keySet(), PATIENCE)) {
            throw new IllegalStateException(label + ": some orders did not end within " + PATIENCE);
        }
        long last = sentAt.keySet().stream().mapToLong(completions::endedAt).max().orElse(started);
        long[] latencies = sentAt.entrySet().stream()
                .mapToLong(sent -> completions.endedAt(sent.getKey()) - sent.getValue()).toArray();
        var phase = new Phase(label, sentAt.size(), refused, Duration.ofNanos(last - started),
                latencies.length == 0 ? null : LatencySummary.of(latencies));
        progress(phase);
        return phase;
    }

    @FunctionalInterface
    private interface Attempt {
        boolean run() throws Exception;
    }

    /** {@link #CLIENTS} threads, each starting its next attempt when the last one is answered. */
    private static Phase closedLoop(String label, Duration duration, Attempt attempt) throws Exception {
        Benchmarks.progress(label + ", " + CLIENTS + " clients for " + duration.toSeconds() + " s");
        var succeeded = new AtomicLong();
        var failed = new AtomicLong();
        var latencies = new ConcurrentLinkedQueue<Long>();
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        var clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            var work = new ArrayList<Future<?>>();
            for (int n = 0; n < CLIENTS; n++) {
                work.add(clients.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long sent = System.nanoTime();
                        boolean ok;
                        try {
                            ok = attempt.run();
                        } catch (IOException noAnswer) {
                            ok = false;
                        }
                        (ok ? succeeded : failed).incrementAndGet();
                        if (ok) {
                            latencies.add(System.nanoTime() - sent);
                        }
                    }
                    return null;
                }));
            }
            for (var client : work) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        var phase = new Phase(label, succeeded.get(), failed.get(), Duration.ofNanos(System.nanoTime() - started),
                latencies.isEmpty() ? null : LatencySummary.of(latencies.stream().mapToLong(Long::longValue).toArray()));
        progress(phase);
        return phase;
    }

    private void provider(Duration latency, double failureRate) throws Exception {
        var response = http.send(HttpRequest.newBuilder(platform.http("payment-provider").resolve("/admin/behaviour"))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(String.format(Locale.ROOT,
                        "{\"latencyMs\":%d,\"failureRate\":%s,\"declineRate\":0}", latency.toMillis(), failureRate)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The provider refused its behaviour: " + response.body());
        }
    }

    private Map<String, ProcessHandle> services() {
        var services = new LinkedHashMap<String, ProcessHandle>();
        for (String service : List.of("api-gateway", "order-service", "inventory-service", "payment-service",
                "user-service", "shipping-service", "notification-service", "payment-provider")) {
            services.put(service, platform.process(service));
        }
        return services;
    }

    private static void progress(Phase phase) {
        Benchmarks.progress(String.format(Locale.ROOT, "  %s: %,.0f/s (%d succeeded, %d failed)%s", phase.label(),
                phase.perSecond(), phase.succeeded(), phase.failed(), phase.latency() == null ? ""
                        : String.format(Locale.ROOT, ", p50 %.0f ms, p99 %.0f ms",
                        phase.latency().p50().toNanos() / 1e6, phase.latency().p99().toNanos() / 1e6)));
    }
}
