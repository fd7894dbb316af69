package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.shopflow.infra.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecordMeterTest {

    private static final List<String> SERVICES = List.of("payment-service", "shipping-service");

    private static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaBroker.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void a_group_belongs_to_the_service_its_name_starts_with_and_the_longest_such_name_wins() {
        var services = List.of("payment-service", "payment-service-x", "order-service");

        assertThat(RecordMeter.serviceOf("payment-service", services)).contains("payment-service");
        assertThat(RecordMeter.serviceOf("payment-service-dead-letters", services)).contains("payment-service");
        assertThat(RecordMeter.serviceOf("payment-service-x-cache", services)).contains("payment-service-x");
        assertThat(RecordMeter.serviceOf("payment-services", services)).isEmpty();
        assertThat(RecordMeter.serviceOf("saga-benchmark", services)).isEmpty();
    }

    @Test
    void records_written_and_what_each_services_groups_committed_are_counted_per_order() throws Exception {
        try (var meter = new RecordMeter(kafka.bootstrapServers(), SERVICES)) {
            var before = meter.read();
            write("meter.orders", 6);
            write("meter.payments", 2);
            // payment-service reads both topics in two groups, shipping-service one; nobody's group reads too.
            consume("payment-service", "meter.orders", 6);
            consume("payment-service-dead-letters", "meter.payments", 2);
            consume("shipping-service", "meter.orders", 6);
            consume("saga-benchmark", "meter.orders", 6);

            var traffic = RecordMeter.Traffic.between(before, meter.read(), 2);

            assertThat(traffic.writtenPerOrder()).isEqualTo(4.0);
            assertThat(traffic.takenPerOrder()).containsExactly(entry("payment-service", 4.0),
                    entry("shipping-service", 3.0));
            assertThat(traffic.allTakenPerOrder()).isEqualTo(7.0);
        }
    }

    private static void write(String topic, int records) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "record " + i)).get();
            }
        }
    }

    /** A group reads {@code expected} records of {@code topic} from its start and commits them. */
    private static void consume(String group, String topic, int expected) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(read).as("records of %s read by %s", topic, group).isEqualTo(expected);
            consumer.commitSync();
        }
    }
}
