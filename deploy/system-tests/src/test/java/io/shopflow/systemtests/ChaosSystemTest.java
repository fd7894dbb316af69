package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fault at a time under a steady stream of orders: each service killed with SIGKILL and started again, the
 * order-service's relay killed while its outbox holds events, the Kafka broker restarted, PostgreSQL gone (every
 * connection cut, new ones refused), the payment provider failing every call. After each, once the orders have
 * ended: every accepted order ended, none charged twice or shipped unpaid, stock moved by exactly what shipped, and
 * no dead letter. The figures of each fault are printed. {@code -Dshopflow.chaos.faults=all} runs every fault (by
 * default a short run, CI's, see {@link #faults()}); {@code -Dshopflow.chaos.rate} (orders a second, default 10) and
 * {@code -Dshopflow.chaos.outage-seconds} (how long Kafka, PostgreSQL and the provider stay down, default 10) size
 * it.
 */
@ExtendWith(SystemUnderTest.Shared.class)
class ChaosSystemTest {

    private static final int RATE = Integer.getInteger("shopflow.chaos.rate", 10);
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("shopflow.chaos.outage-seconds", 10));
    /** Orders placed before the fault and after it is over: the platform under load on both sides. */
    private static final Duration STEADY = Duration.ofSeconds(3);
    /**
     * Enough users that their listings hold every order of a fault: 4,000 at 10 orders/s, a fault and recovery of
     * over six minutes (with five, a user-service that took 98 s to come back on a loaded machine placed more orders
     * than the listings showed, and accepted orders looked lost).
     */
    private static final int USERS = 20;
    /** The most orders one user's listing returns. */
    private static final int ORDERS_PER_USER = 200;
    private static final List<String> SERVICES = List.of("api-gateway", "user-service", "inventory-service",
            "order-service", "payment-service", "shipping-service", "notification-service");
    /** The loggers of the failures a service answers 500 for. */
    private static final List<String> ANSWERED_500 = List.of("io.shopflow.problems", "io.quarkus.vertx.http");
    private static final List<String> SKUS = List.of("BOOK-DDD", "BOOK-EIP", "MUG-KAFKA", "STICKER-CE", "NOTEBOOK-A5");
    private static final Duration RELAY_WATCH = Duration.ofSeconds(10);
    private static final boolean ALL_FAULTS = "all".equals(System.getProperty("shopflow.chaos.faults"));
    private static final Set<String> SHORT_RUN_KILLS = Set.of("api-gateway", "payment-service");

    private static SystemUnderTest system;
    private static SagaBooks books;
    private static JsonHttp provider;
    private static Object providerBehaviourBefore;
    /** A line per fault, printed once all have run. */
    private static final List<String> TOTALS = new ArrayList<>();

    /** How to cause a fault, returning once it is over. */
    @FunctionalInterface
    interface Cause {
        void run() throws Exception;
    }

    /** A fault, and whether the short run (CI's) has it too. */
    record Fault(String name, boolean inShortRun, Cause cause) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void connect(SystemUnderTest running) {
        system = running;
        books = new SagaBooks(running);
        provider = new JsonHttp();
        providerBehaviourBefore = provider.get(running.direct("payment-provider", "/admin/behaviour"));
    }

    @AfterAll
    static void restoreTheProviderAndPrintTheTotals() {
        provider.put(system.direct("payment-provider", "/admin/behaviour"), providerBehaviourBefore);
        System.out.printf("%nChaos totals (%d orders a second):%n%-42s %7s %7s %8s %7s %9s %7s %6s %6s%n%s%n", RATE,
                "fault", "lasted", "placed", "accepted", "shipped", "cancelled", "settled", "twice", "dead",
                String.join("\n", TOTALS));
    }

    /**
     * Every fault with {@code -Dshopflow.chaos.faults=all}; by default (CI) the short run: one service of each kind
     * killed (the edge, a relay mid-batch, a worker calling out), Kafka, PostgreSQL and the provider.
     */
    static Stream<Fault> faults() {
        var faults = new ArrayList<Fault>();
        for (String service : SERVICES) {
            faults.add(new Fault("kill -9 " + service, SHORT_RUN_KILLS.contains(service),
                    () -> system.killAndRestart(service)));
        }
        faults.add(new Fault("kill -9 order-service's relay mid-batch", true, ChaosSystemTest::killTheRelayMidBatch));
        faults.add(new Fault("Kafka broker restarted", true, () -> system.restartKafka(OUTAGE)));
        faults.add(new Fault("PostgreSQL gone", true, () -> system.cutDatabases(OUTAGE)));
        faults.add(new Fault("payment provider failing every call", true, () -> {
            behave(1.0);
            // The outage's length, as Kafka's and PostgreSQL's are: the fault itself, not a wait for anything.
            Thread.sleep(OUTAGE.toMillis());
            behave(0.0);
        }));
        return faults.stream().filter(fault -> ALL_FAULTS || fault.inShortRun());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void every_accepted_order_ends_with_balanced_books(Fault fault) throws Exception {
        behave(0.0);
        var stockBefore = books.stockBySku();
        var users = new ArrayList<String>();
        for (int n = 0; n < USERS; n++) {
            users.add(books.registerUser("Chaos client " + n));
        }
        var events = new EventLog(system.kafkaBootstrapServers());
        var eventsBefore = events.ends();

        Instant faultBegan;
        Instant faultEnded;
        try (var load = SteadyLoad.start(system.api("/api/v1/orders"), books.adminToken(), users, SKUS, RATE)) {
            // The load runs for a set time before and after the fault: pacing, not a wait for anything.
            Thread.sleep(STEADY.toMillis());
            faultBegan = Instant.now();
            fault.cause().run();
            faultEnded = Instant.now();
            Thread.sleep(STEADY.toMillis());
            load.close();
            long started = System.nanoTime();
            var orders = books.awaitEveryOrderEnded(users, ORDERS_PER_USER);
            books.awaitEveryPaymentSettled(orders.keySet());
            double settling = (System.nanoTime() - started) / 1e9;

            assertThat(orders.keySet()).as("every accepted order is there and ended").containsAll(load.accepted().keySet());
            var outcome = books.assertBalanced(orders, stockBefore);
            var eventsAfter = events.ends();
            double lasted = Duration.between(faultBegan, faultEnded).toMillis() / 1e3;
            long twice = events.eventsWrittenTwice(eventsBefore, eventsAfter);
            long deadLetters = eventsAfter.deadLetters() - eventsBefore.deadLetters();
            System.out.printf("%nChaos, %s: the fault lasted %.1f s%n  %s; %d accepted during the fault%n"
                            + "  %d orders ended %.1f s after the load stopped: %d shipped, %d cancelled%n"
                            + "  events written twice (absorbed by the inboxes): %d; dead letters: %d%n%n",
                    fault.name(), lasted, load, load.acceptedBetween(faultBegan, faultEnded), orders.size(), settling,
                    outcome.shipped(), outcome.cancelled(), twice, deadLetters);
            TOTALS.add(String.format("%-42s %6.1fs %7d %8d %7d %9d %6.1fs %6d %6d", fault.name(), lasted,
                    load.placements(), load.accepted().size(), outcome.shipped(), outcome.cancelled(), settling, twice,
                    deadLetters));

            assertThat(eventsAfter.deadLetters()).as("dead letters").isEqualTo(eventsBefore.deadLetters());
            assertThat(load.accepted()).as("orders accepted around the fault").isNotEmpty();
            assertThat(load.notAccepted()).as(() -> "answers saying the platform broke rather than is unavailable;"
                            + " what the services logged as unexpected:\n" + unexpectedFailuresSince(faultBegan))
                    .doesNotContainKey("500");
            if (fault.name().startsWith("payment provider")) {
                assertThat(load.acceptedBetween(faultBegan, faultEnded)).as("orders accepted while the provider fails")
                        .isPositive();
            }
        }
    }

    /**
     * Kills order-service at a moment its outbox holds events (the relay has them claimed, or is about to), so that a
     * batch may be published and not yet recorded as such; kills it anyway if none is seen within a while. Not an
     * await: the moment is chosen as best it can be, and none is a failure; the loop reads without a pause so as not
     * to miss a batch that is in the outbox for milliseconds.
     */
    private static void killTheRelayMidBatch() throws Exception {
        long deadline = System.nanoTime() + RELAY_WATCH.toNanos();
        long pending = 0;
        try (var connection = system.database("order-service");
             var count = connection.prepareStatement("SELECT count(*) FROM outbox")) {
            while (pending == 0 && System.nanoTime() < deadline) {
                pending = outboxSize(count);
            }
        }
        System.out.printf("%nKilling order-service with %d events in its outbox%n", pending);
        system.killAndRestart("order-service");
    }

    private static long outboxSize(PreparedStatement count) throws SQLException {
        try (var rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The failures the services answered 500 or INTERNAL for since {@code since} (quarkus-problems logs each at
     * ERROR, and Quarkus' HTTP layer those of the gateway's proxy routes), one line each with its chain of causes: in
     * the report of a failed run, the reason.
     */
    private static String unexpectedFailuresSince(Instant since) {
        var found = new ArrayList<String>();
        for (String service : SERVICES) {
            try {
                for (JsonNode line : system.logLines(service)) {
                    if ("ERROR".equals(line.path("level").asText())
                            && ANSWERED_500.stream().anyMatch(line.path("loggerName").asText()::startsWith)
                            && !Instant.parse(line.path("timestamp").asText()).isBefore(since)) {
                        found.add(service + ": " + line.path("message").asText() + causes(line.path("exception")));
                    }
                }
            } catch (IOException e) {
                found.add(service + ": its log could not be read: " + e);
            }
        }
        return String.join("\n", found);
    }

    private static String causes(JsonNode exception) {
        var chain = new StringBuilder();
        for (var cause = exception; !cause.isMissingNode(); cause = cause.path("causedBy").path("exception")) {
            chain.append(" <- ").append(cause.path("exceptionType").asText()).append(": ")
                    .append(cause.path("message").asText());
        }
        return chain.toString();
    }

    private static void behave(double failureRate) {
        var answer = provider.put(system.direct("payment-provider", "/admin/behaviour"),
                Map.of("latencyMs", 5, "failureRate", failureRate, "declineRate", 0.0));
        assertThat(answer.status()).isEqualTo(200);
    }
}
