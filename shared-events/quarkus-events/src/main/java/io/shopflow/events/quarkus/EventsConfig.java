package io.shopflow.events.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** {@code shopflow.events.*}: how a service writes and publishes its domain events. */
@ConfigMapping(prefix = "shopflow.events")
public interface EventsConfig {

    /** The CloudEvents {@code source} of every event this service writes. */
    @WithDefault("//shopflow/${quarkus.application.name}")
    String source();

    Relay relay();

    Consumer consumer();

    Inbox inbox();

    Health health();

    interface Relay {

        /** Off when Debezium publishes the outbox instead (deploy/debezium), or for a read-only replica. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Events per transaction and worker; also the most a worker republishes after dying mid-batch (consumers
         * deduplicate). With four workers, 1000 measured 0.53 of the raw producer (median of three runs), 500 gave
         * 0.52 and 2000 0.59 (deploy/benchmarks/results/relay-latest.md): little more for twice the republish.
         */
        @WithDefault("1000")
        int batchSize();

        /**
         * How often the relay samples its backlog; events waiting longer wake its workers: those another process
         * wrote and did not publish (a replica that died). An idle relay asks the database nothing else.
         */
        @WithDefault("1s")
        Duration idleWait();

        /**
         * Batches published at once, each with lanes of its own and a JDBC connection while it publishes (plus one
         * for the backlog sample): one batch's waits on Kafka and the database overlap with the others' work. Four roughly
         * double one relay's throughput (deploy/benchmarks/results/relay-latest.md).
         */
        @WithDefault("4")
        int workers();

        /**
         * Kafka producer settings of the relay's own ({@code shopflow.events.relay.producer."compression.type"=lz4},
         * say), over its defaults (acks=all, idempotence: see RelayProducer). How to reach the broker and sign in to
         * it ({@code kafka.bootstrap.servers}, {@code kafka.security.protocol}, {@code kafka.ssl.*},
         * {@code kafka.sasl.*}) is the service's, shared with its consumers: see {@link RelayProducerSettings}.
         */
        Map<String, String> producer();
    }

    interface Consumer {

        /**
         * Who consumes, in the inbox: one name per service, so two services each process every event once. It also
         * names the service's dead-letter and redrive topics ({@link DeadLetterTopics}). Its default, the application
         * name, is in this library's {@code META-INF/microprofile-config.properties}, where the dead-letters
         * channel's subscription reads it too.
         */
        String name();

        /** Attempts after the first for a failure worth retrying; then the record is given up on. */
        @WithDefault("3")
        int retries();

        /** Backoff before the first retry, doubling up to {@link #maxBackoff()}, with jitter. */
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("2s")
        Duration maxBackoff();

        /**
         * Consumers per channel, each polling its share of the topic's partitions and handling its batches while
         * the others handle theirs; order holds per partition. Channels name it in their {@code concurrency}
         * attribute, so the default lives in META-INF/microprofile-config.properties.
         */
        int concurrency();

        /**
         * How often the lag of the service's consumer groups is read from the broker ({@code ConsumerLagSampler}):
         * about Prometheus' scrape interval. The default lives in META-INF/microprofile-config.properties.
         */
        Duration lagEvery();

        /** How long a lag reading waits for each answer of the broker and for the oldest waiting records. */
        @WithDefault("5s")
        Duration lagTimeout();
    }

    interface Inbox {

        /** How long processed event ids are kept: longer than any redelivery (Kafka retention, lag). */
        @WithDefault("7d")
        Duration retention();

        /** How often old ids are deleted; the default lives in META-INF/microprofile-config.properties. */
        Duration purgeEvery();
    }

    interface Health {

        /**
         * Readiness goes DOWN once the oldest unpublished event has waited longer than this: the relay is stopped
         * or Kafka is away, and a service that takes more writes only grows what it cannot publish. Above the
         * OutboxFallingBehind alert's 30 s (observability/prometheus/alerts.yml), so operators hear of it first.
         */
        @WithDefault("60s")
        Duration outboxMaxAge();
    }
}
