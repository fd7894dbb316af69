package io.shopflow.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.shopflow.infra.KafkaBroker;
import io.shopflow.infra.PostgresServer;
import io.shopflow.infra.TokenKeys;

/** The Kafka broker and the PostgreSQL server the services share on this machine. */
final class Infrastructure implements AutoCloseable {

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    /** Made fresh for each run: tokens of one run are worth nothing in the next. */
    private final TokenKeys tokenKeys = TokenKeys.generate();

    private Infrastructure(PostgresServer postgres, KafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * PostgreSQL first: when none is available its message says what to provide, before Kafka costs anything.
     *
     * @param keptKafkaData where Kafka keeps its topics between runs, as the databases are kept (dead letters waiting
     *                      for a redrive among them), or empty for a broker whose data goes when it stops
     * @param fresh         start with no Kafka data, as {@code --fresh} starts with empty databases
     */
    static Infrastructure start(Optional<Path> keptKafkaData, boolean fresh, PrintStream out) {
        long started = System.nanoTime();
        PostgresServer postgres = PostgresServer.locateOrStart();
        out.printf("  %s ready in %s%n", postgres.describe(), Durations.since(started));
        try {
            started = System.nanoTime();
            KafkaBroker kafka = startKafka(postgres.isEmbedded() ? Optional.empty() : keptKafkaData, fresh, out);
            out.printf("  Kafka broker (KRaft) at %s ready in %s%n", kafka.bootstrapServers(), Durations.since(started));
            return new Infrastructure(postgres, kafka);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * Kafka's data is kept only where the databases are: an embedded PostgreSQL starts empty every time, and topics
     * whose consumers' inboxes and offsets-to-state were lost with it would only replay into empty databases.
     */
    private static KafkaBroker startKafka(Optional<Path> keptData, boolean fresh, PrintStream out) {
        if (keptData.isEmpty()) {
            return KafkaBroker.start();
        }
        if (fresh) {
            out.printf("  Kafka data in %s cleared (--fresh)%n", keptData.get());
        }
        return KafkaBroker.startKeeping(keptData.get(), fresh);
    }

    /**
     * Kept across runs, so data entered by hand survives a restart; {@code fresh} drops it first, e.g. after a
     * migration that was already applied got edited. (An embedded server starts empty every time anyway.)
     */
    void prepareDatabase(ServiceDefinition service, boolean fresh) {
        service.database().ifPresent(database -> {
            if (fresh) {
                postgres.dropDatabase(database);
            }
            postgres.createDatabaseIfMissing(database);
        });
    }

    void dropDatabase(ServiceDefinition service) {
        service.database().ifPresent(postgres::dropDatabase);
    }

    Map<String, String> environmentFor(ServiceDefinition service) {
        return ServiceEnvironment.of(service, kafka.bootstrapServers(), postgres.coordinates(), tokenKeys);
    }

    void restartKafka(Duration downtime) throws InterruptedException {
        kafka.restart(downtime);
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    PostgresServer postgres() {
        return postgres;
    }

    /** Stops Kafka, and PostgreSQL if it is an embedded one; a failure to stop one does not keep the other running. */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            try {
                postgres.close();
            } finally {
                tokenKeys.close();
            }
        }
    }
}
