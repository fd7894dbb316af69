package io.shopflow.user.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.events.personaldata.PersonalDataPart;
import io.shopflow.events.personaldata.PersonalDataRequest;
import io.shopflow.problems.ServiceUnavailableException;
import io.shopflow.user.app.PersonalDataHolders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.reply.KafkaRequestReply;
import io.smallrye.reactive.messaging.kafka.reply.KafkaRequestReplyTimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Asks the holders over SmallRye's Kafka request-reply: one request on {@code shopflow.personal-data.requests},
 * which every holder's group reads, and their answers on the reply topic, matched to this request by its
 * correlation id. The library drops replies no request of this replica waits for (a late one, or one addressed to
 * a replica that restarted: each replica reads replies in a group of its own, from the end, and waits only for
 * its own correlation ids). Here, an answer from a service not expected, a second one from the same service, or
 * one that does not read as an answer is left out.
 */
@ApplicationScoped
public class KafkaPersonalDataHolders implements PersonalDataHolders {

    private static final Logger LOG = Logger.getLogger(KafkaPersonalDataHolders.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final KafkaRequestReply<byte[], byte[]> requests;
    private final ObjectMapper json;

    public KafkaPersonalDataHolders(@Channel("personal-data-export") KafkaRequestReply<byte[], byte[]> requests,
                                    ObjectMapper json) {
        this.requests = requests;
        this.json = json;
    }

    @Override
    public Uni<Answers> ask(String userId, List<String> expected, Duration waitFor) {
        Map<String, PersonalDataPart> answered = new ConcurrentHashMap<>();
        var request = Message.of(write(new PersonalDataRequest(userId)))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(userId).build());
        return requests.requestMulti(request)
                .map(reply -> read(reply.getPayload()))
                .select().where(part -> part.isPresent() && expected.contains(part.get().service())
                        && answered.putIfAbsent(part.get().service(), part.get()) == null)
                .select().first(expected.size())
                .select().first(waitFor)
                .onFailure(KafkaRequestReplyTimeoutException.class).recoverWithCompletion()
                .onFailure().transform(failure -> new ServiceUnavailableException(
                        "Could not ask the other services for their data: " + failure.getMessage(), RETRY_AFTER))
                .collect().last()
                .map(last -> new Answers(
                        expected.stream().filter(answered::containsKey).map(answered::get).toList(),
                        expected.stream().filter(service -> !answered.containsKey(service)).toList()));
    }

    private Optional<PersonalDataPart> read(byte[] reply) {
        try {
            var part = json.readValue(reply, PersonalDataPart.class);
            return part == null || part.service() == null || part.records() == null ? Optional.empty() : Optional.of(part);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("A personal-data answer was left out: it does not read as one (%s)", e.getMessage());
            return Optional.empty();
        }
    }

    private byte[] write(PersonalDataRequest request) {
        try {
            return json.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
