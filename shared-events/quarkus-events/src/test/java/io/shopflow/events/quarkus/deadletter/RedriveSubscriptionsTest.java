package io.shopflow.events.quarkus.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.events.quarkus.DeadLetterTopics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedriveSubscriptionsTest {

    private static final String DEAD_LETTERING = "mp.messaging.connector.smallrye-kafka.failure-strategy";

    private static List<String> missing(Map<String, String> config) {
        return RedriveSubscriptions.missing(config.keySet(), name -> Optional.ofNullable(config.get(name)),
                "inventory-service");
    }

    @Test
    void a_channel_reading_each_of_its_topics_with_its_redrive_topic_passes_and_one_that_dead_letters_nothing_is_no_concern() {
        assertThat(missing(Map.of(
                DEAD_LETTERING, "dead-letter-queue",
                "mp.messaging.incoming.events.topics", "shopflow.order, shopflow.payment, "
                        + "shopflow.order.redrive.inventory-service,shopflow.payment.redrive.inventory-service",
                "mp.messaging.incoming.user-updates.topic", "shopflow.user",
                "mp.messaging.incoming.user-updates.failure-strategy", "ignore",
                "mp.messaging.incoming.dead-letters.topic", "shopflow[.].+[.]dlq[.]inventory-service",
                "mp.messaging.incoming.dead-letters.pattern", "true"))).isEmpty();
    }

    @Test
    void a_topic_read_without_its_redrive_topic_is_named_and_so_is_a_dead_letter_topic_that_would_be_passed_over() {
        assertThat(missing(Map.of(
                DEAD_LETTERING, "dead-letter-queue",
                "mp.messaging.incoming.events.topics", "shopflow.order,shopflow.payment,"
                        + "shopflow.payment.redrive.inventory-service",
                "mp.messaging.incoming.refunds.topic", "shopflow.refund",
                "mp.messaging.incoming.refunds.dead-letter-queue.topic", "refunds-failed")))
                .containsExactly(
                        "events: dead letters of shopflow.order go to shopflow.order.dlq.inventory-service, so "
                                + "mp.messaging.incoming.events.topics must list "
                                + "shopflow.order.redrive.inventory-service beside it",
                        "refunds: mp.messaging.incoming.refunds.dead-letter-queue.topic is never used, each "
                                + "record's dead letter goes to <topic>.dlq.inventory-service by the topic it came "
                                + "from; remove it",
                        "refunds: dead letters of shopflow.refund go to shopflow.refund.dlq.inventory-service, so "
                                + "mp.messaging.incoming.refunds.topics must list "
                                + "shopflow.refund.redrive.inventory-service beside it");
    }

    @Test
    void a_record_read_from_a_topic_or_from_its_redrive_topic_is_dead_lettered_to_the_topics_dead_letter_topic() {
        assertThat(DeadLetterTopics.deadLetterTopic("shopflow.order", "inventory-service"))
                .isEqualTo("shopflow.order.dlq.inventory-service");
        assertThat(DeadLetterTopics.deadLetterTopic("shopflow.order.redrive.inventory-service", "inventory-service"))
                .isEqualTo("shopflow.order.dlq.inventory-service");
        assertThat(DeadLetterTopics.redriveTopic("shopflow.order.dlq.inventory-service"))
                .isEqualTo("shopflow.order.redrive.inventory-service");
    }
}
