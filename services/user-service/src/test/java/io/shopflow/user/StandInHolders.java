package io.shopflow.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Holders of personal data as the export meets them on the real broker, written with the plain Kafka client as
 * another team's service (or language) would: each reads the requests and answers on the request's REPLY_TOPIC
 * with its REPLY_CORRELATION_ID, after the delay the test sets for it. Each answer tells which request it answers
 * ({@code "answer": n}, counted per holder), so a test can see that an export got its own answers and not late ones.
 * Before its real answers, each request also gets the replies an export must leave out.
 */
final class StandInHolders implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2);
    private final KafkaProducer<String, byte[]> producer;
    private final Thread reader;

    StandInHolders(String bootstrapServers, List<String> services) {
        services.forEach(service -> {
            delays.put(service, Duration.ZERO);
            answered.put(service, new AtomicInteger());
        });
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "stand-in-holders-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of("shopflow.personal-data.requests"));
        // Joined before the first request is sent: the tests' requests must not be taken for old ones.
        while (consumer.assignment().isEmpty()) {
            consumer.poll(POLL);
        }
        reader = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    consumer.poll(POLL).forEach(this::answer);
                }
            }
        }, "stand-in-holders");
        reader.start();
    }

    /** How long {@code service} takes to answer the requests that come from now on. */
    void answerAfter(String service, Duration delay) {
        delays.put(service, delay);
    }

    private void answer(ConsumerRecord<String, byte[]> request) {
        Header correlation = request.headers().lastHeader("REPLY_CORRELATION_ID");
        String replyTopic = new String(request.headers().lastHeader("REPLY_TOPIC").value(), StandardCharsets.UTF_8);
        String userId = new String(request.value(), StandardCharsets.UTF_8).replaceAll(".*\"userId\":\"([^\"]*)\".*", "$1");
        // What an export must leave out, sent first: an answer to a request nobody waits for (as a replica that
        // restarted would get), one from a service it did not ask, and one that is not an answer at all.
        reply(replyTopic, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), part("stand-in-orders", userId, -1));
        reply(replyTopic, correlation.value(), part("intruder-service", userId, 0));
        reply(replyTopic, correlation.value(), "{\"records\": \"none\"".getBytes(StandardCharsets.UTF_8));
        delays.forEach((service, delay) -> {
            int n = answered.get(service).incrementAndGet();
            answers.schedule(() -> {
                reply(replyTopic, correlation.value(), part(service, userId, n));
                // A second answer from the same holder: only the first counts.
                reply(replyTopic, correlation.value(), part(service, userId, -2));
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private static byte[] part(String service, String userId, int answer) {
        return ("{\"service\":\"" + service + "\",\"truncated\":false,\"records\":[{\"kind\":\"stand_in\",\"user_id\":\""
                + userId + "\",\"answer\":" + answer + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    private void reply(String topic, byte[] correlation, byte[] payload) {
        // One partition for all: the test's answers are read in the order they were sent.
        var record = new ProducerRecord<String, byte[]>(topic, 0, null, payload);
        record.headers().add("REPLY_CORRELATION_ID", correlation);
        producer.send(record);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join();
        answers.shutdownNow();
        producer.close();
    }
}
