package io.shopflow.events;

/** One Kafka topic per aggregate type, keyed by aggregate id so each aggregate's events stay in order. */
public final class Topics {

    private static final String PREFIX = "shopflow.";

    private Topics() {
    }

    /** {@code order} becomes {@code shopflow.order}. The Debezium example routes the outbox the same way. */
    public static String forAggregate(String aggregateType) {
        return PREFIX + aggregateType;
    }
}
