package io.shopflow.events.quarkus.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedriveSubscriptionsTest {

    private static List<String> missing(Map<String, String> config) {
        return RedriveSubscriptions.missing(config.keySet(), name -> Optional.ofNullable(config.get(name)));
    }

    @Test
    void a_channel_reading_its_topic_and_its_redrive_topic_passes_and_one_without_a_dead_letter_topic_is_no_concern() {
        assertThat(missing(Map.of(
                "mp.messaging.incoming.orders.topics", "shopflow.order, shopflow.order.redrive.inventory-service",
                "mp.messaging.incoming.orders.dead-letter-queue.topic", "shopflow.order.dlq.inventory-service",
                "mp.messaging.incoming.user-updates.topic", "shopflow.user"))).isEmpty();
    }

    @Test
    void a_channel_without_its_redrive_topic_or_with_a_misnamed_dead_letter_topic_is_named() {
        assertThat(missing(Map.of(
                "mp.messaging.incoming.orders.topic", "shopflow.order",
                "mp.messaging.incoming.orders.dead-letter-queue.topic", "shopflow.order.dlq.inventory-service",
                "mp.messaging.incoming.payments.topics", "shopflow.payment",
                "mp.messaging.incoming.payments.dead-letter-queue.topic", "payments-failed")))
                .containsExactlyInAnyOrder(
                        "orders: dead letters go to shopflow.order.dlq.inventory-service, so "
                                + "mp.messaging.incoming.orders.topics must list "
                                + "shopflow.order.redrive.inventory-service beside the channel's topic",
                        "payments: payments-failed is not named <topic>.dlq.<consumer>");
    }
}
