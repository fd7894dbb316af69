package io.shopflow.infra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @Test
    void deliversARecordFromAProducerToAConsumer() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            RecordMetadata written = produce(broker.bootstrapServers(), "greetings", "order-1", "hello");

            List<ConsumerRecord<String, String>> read = consume(broker.bootstrapServers(), "greetings", 1);

            assertEquals(1, read.size());
            assertEquals("order-1", read.get(0).key());
            assertEquals("hello", read.get(0).value());
            assertEquals(written.offset(), read.get(0).offset());
        }
    }

    @Test
    void aRestartedBrokerKeepsItsRecordsAndPortAndRefusesClientsWhileDown() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            produce(broker.bootstrapServers(), "kept", "order-1", "before");

            var restarting = new Thread(() -> {
                try {
                    broker.restart(Duration.ofSeconds(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            restarting.start();
            // Down for two seconds once stopped: polled far more often than that, the refusal cannot be missed.
            await("nothing listens while down").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> refusesConnections(broker.bootstrapServers()));
            restarting.join();
            produce(broker.bootstrapServers(), "kept", "order-1", "after");

            assertEquals(List.of("before", "after"), consume(broker.bootstrapServers(), "kept", 2).stream()
                    .map(ConsumerRecord::value).toList());
        }
    }

    @Test
    void aKeptBrokerStartedAgainOnItsDirectoryHasItsRecordsOnNewPortsUntilAFreshStart(@TempDir Path directory)
            throws Exception {
        Path workDir = directory.resolve("kafka");
        String firstAddress;
        try (KafkaBroker broker = KafkaBroker.startKeeping(workDir, false)) {
            firstAddress = broker.bootstrapServers();
            produce(firstAddress, "kept-between-runs", "order-1", "before");
        }
        assertTrue(Files.isDirectory(workDir.resolve("data")), "data kept after close");
        assertThrows(IOException.class, () -> connect(firstAddress), "the first broker is gone");

        try (KafkaBroker again = KafkaBroker.startKeeping(workDir, false)) {
            produce(again.bootstrapServers(), "kept-between-runs", "order-1", "after");

            assertEquals(List.of("before", "after"), consume(again.bootstrapServers(), "kept-between-runs", 2).stream()
                    .map(ConsumerRecord::value).toList());
        }

        try (KafkaBroker fresh = KafkaBroker.startKeeping(workDir, true);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fresh.bootstrapServers()))) {
            assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("kept-between-runs"),
                    "a fresh start has none of the topics kept before");
        }
    }

    @Test
    void closeStopsTheBrokerAndDeletesItsData() throws Exception {
        KafkaBroker broker = KafkaBroker.start();
        String bootstrapServers = broker.bootstrapServers();
        produce(bootstrapServers, "before-close", "k", "v");
        assertTrue(Files.isDirectory(broker.workDir()));

        broker.close();

        assertFalse(Files.exists(broker.workDir()), "data directory deleted");
        assertThrows(IOException.class, () -> connect(bootstrapServers), "nothing listens on the broker port any more");
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000))) {
            assertThrows(Exception.class, () -> admin.describeCluster().nodes().get(3, TimeUnit.SECONDS));
        }
    }

    private static RecordMetadata produce(String bootstrapServers, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, String>> consume(String bootstrapServers, String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "infra-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static boolean refusesConnections(String hostAndPort) {
        try {
            connect(hostAndPort);
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

    private static void connect(String hostAndPort) throws IOException {
        String[] parts = hostAndPort.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 1000);
        }
    }
}
