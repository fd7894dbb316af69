package io.shopflow.benchmarks;

/**
 * One way of running relays: how many at once, how many workers each, their batch size, and how they get
 * database connections.
 *
 * @param workers lanes each relay publishes at once ({@code shopflow.events.relay.workers})
 * @param pooled  false: a {@code PGSimpleDataSource}, which opens a new connection for every batch; true: an
 *                Agroal pool, what quarkus-events hands the relay inside a service
 */
record RelaySetup(int relays, int workers, int batchSize, boolean pooled) {

    String label() {
        return "relay ×" + relays + (workers > 1 ? ", " + workers + " workers" : "") + ", batch " + batchSize
                + (pooled ? ", pooled" : "");
    }

    /** Threads publishing at once, over all relays. */
    int publishingThreads() {
        return relays * workers;
    }
}
