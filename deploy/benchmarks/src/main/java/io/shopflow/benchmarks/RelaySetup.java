package io.shopflow.benchmarks;

/**
 * One way of running relays: how many at once, how many workers each, their batch size, how they get database
 * connections, and what their producer changes in the relay's settings.
 *
 * @param workers  lanes each relay publishes at once ({@code shopflow.events.relay.workers})
 * @param pooled   false: a {@code PGSimpleDataSource}, which opens a new connection for every batch; true: an
 *                 Agroal pool, what quarkus-events hands the relay inside a service
 * @param producer the producer settings overridden
 * @param kafka    false: the relay's producer acknowledges every record at once and sends nothing, which leaves the
 *                 relay's own work and the database's
 */
record RelaySetup(int relays, int workers, int batchSize, boolean pooled, ProducerTuning producer, boolean kafka) {

    /** With the relay's own producer settings, publishing to Kafka. */
    RelaySetup(int relays, int workers, int batchSize, boolean pooled) {
        this(relays, workers, batchSize, pooled, ProducerTuning.RELAY_DEFAULTS, true);
    }

    RelaySetup with(ProducerTuning tuning) {
        return new RelaySetup(relays, workers, batchSize, pooled, tuning, kafka);
    }

    /** The same relay with a producer that acknowledges at once: what the relay costs without Kafka's share. */
    RelaySetup withoutKafka() {
        return new RelaySetup(relays, workers, batchSize, pooled, producer, false);
    }

    String label() {
        return "relay ×" + relays + (workers > 1 ? ", " + workers + " workers" : "") + ", batch " + batchSize
                + (pooled ? ", pooled" : "") + producer.label() + (kafka ? "" : ", no Kafka");
    }

    /** Threads publishing at once, over all relays. */
    int publishingThreads() {
        return relays * workers;
    }
}
