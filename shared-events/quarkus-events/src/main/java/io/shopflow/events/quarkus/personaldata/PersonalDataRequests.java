package io.shopflow.events.quarkus.personaldata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.shopflow.events.personaldata.PersonalDataPart;
import io.shopflow.events.personaldata.PersonalDataRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.reply.KafkaRequestReply;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * Answers personal-data requests: the replying side of SmallRye's Kafka request-reply. The answer is the request
 * message with a new payload, so it keeps the request's Kafka metadata, and the connector sends it to the request's
 * {@code REPLY_TOPIC} (and {@code REPLY_PARTITION}) with its {@code REPLY_CORRELATION_ID}; the request is
 * acknowledged once the answer is on Kafka. A request that cannot be answered (unreadable, no user id, no reply
 * topic) is logged and acknowledged without an answer: the requester then reports this service as not having
 * answered. A request the database cannot answer is dropped too (failure-strategy ignore): nobody waits for an
 * answer after the requester's timeout, so there is nothing to retry for.
 */
@ApplicationScoped
@IfBuildProperty(name = "shopflow.personal-data.holder", stringValue = "true")
public class PersonalDataRequests {

    private static final Logger LOG = Logger.getLogger(PersonalDataRequests.class);

    private final PersonalDataTables tables;
    private final ObjectMapper json;
    private final String service;

    public PersonalDataRequests(PersonalDataTables tables, ObjectMapper json,
                                @ConfigProperty(name = "quarkus.application.name") String service) {
        this.tables = tables;
        this.json = json;
        this.service = service;
    }

    @Incoming("personal-data-requests")
    @Outgoing("personal-data-replies")
    public Uni<Message<byte[]>> answer(Message<byte[]> request) {
        String userId;
        try {
            userId = userIdOf(request);
        } catch (UnanswerableRequest e) {
            LOG.warnf("Personal-data request not answered: %s", e.getMessage());
            // Null skips the message: nothing is sent, and the request is acknowledged here.
            return Uni.createFrom().completionStage(request.ack()).replaceWith((Message<byte[]>) null);
        }
        return tables.of(userId).map(rows ->
                request.withPayload(write(new PersonalDataPart(service, rows.records(), rows.truncated()))));
    }

    private String userIdOf(Message<byte[]> request) {
        var headers = request.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getHeaders).orElse(null);
        if (headers == null || headers.lastHeader(KafkaRequestReply.DEFAULT_REPLY_TOPIC_HEADER) == null
                || headers.lastHeader(KafkaRequestReply.DEFAULT_REPLY_CORRELATION_ID_HEADER) == null) {
            throw new UnanswerableRequest("no REPLY_TOPIC or REPLY_CORRELATION_ID header");
        }
        PersonalDataRequest parsed;
        try {
            parsed = request.getPayload() == null ? null : json.readValue(request.getPayload(), PersonalDataRequest.class);
        } catch (IOException e) {
            throw new UnanswerableRequest("unreadable payload: " + e.getMessage());
        }
        if (parsed == null || parsed.userId() == null || parsed.userId().isBlank()
                || parsed.userId().length() > PersonalDataRequest.MAX_USER_ID_LENGTH) {
            throw new UnanswerableRequest("no userId of 1 to " + PersonalDataRequest.MAX_USER_ID_LENGTH + " characters");
        }
        return parsed.userId();
    }

    private static final class UnanswerableRequest extends RuntimeException {
        UnanswerableRequest(String reason) {
            super(reason, null, false, false);
        }
    }

    private byte[] write(PersonalDataPart part) {
        try {
            return json.writeValueAsBytes(part);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
