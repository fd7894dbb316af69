package io.shopflow.benchmarks;

/**
 * One way of running relays: how many at once, how many workers each, their batch size, how they get database
 * connections, and what their producer changes in the relay's settings.
 *
 * @param workers  lanes each relay publishes at once ({@code shopflow.events.relay.workers})
 * @param pooled   false: a {@code PGSimpleDataSource}, which opens a new connection for every batch; true: an
 *                 Agroal pool, what quarkus-events hands the relay inside a service
 * @param producer the producer settings overridden
 */
record RelaySetup(int relays, int workers, int batchSize, boolean pooled, ProducerTuning producer) {

    /** With the relay's own producer settings. */
    RelaySetup(int relays, int workers, int batchSize, boolean pooled) {
        this(relays, workers, batchSize, pooled, ProducerTuning.RELAY_DEFAULTS);
    }

    RelaySetup with(ProducerTuning tuning) {
        return new RelaySetup(relays, workers, batchSize, pooled, tuning);
    }

    String label() {
        return "relay ×" + relays + (workers > 1 ? ", " + workers + " workers" : "") + ", batch " + batchSize
                + (pooled ? ", pooled" : "") + producer.label();
    }

    /** Threads publishing at once, over all relays. */
    int publishingThreads() {
        return relays * workers;
    }
}
