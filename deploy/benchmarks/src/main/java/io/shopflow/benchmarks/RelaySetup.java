package io.shopflow.benchmarks;

/**
 * One way of running relays: how many at once, their batch size, and how they get database connections.
 *
 * @param pooled false: a {@code PGSimpleDataSource}, which opens a new connection for every batch; true: an
 *               Agroal pool, what quarkus-events hands the relay inside a service
 */
record RelaySetup(int relays, int batchSize, boolean pooled) {

    String label() {
        return "relay ×" + relays + ", batch " + batchSize + (pooled ? ", pooled" : "");
    }
}
