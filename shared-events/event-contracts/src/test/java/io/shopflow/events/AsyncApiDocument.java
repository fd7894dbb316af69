package io.shopflow.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopflow.events.personaldata.PersonalDataRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

/**
 * The AsyncAPI 3 document of the platform's events, made from an {@link EventCatalog} and the JSON Schema of each
 * version ({@code /schemas/<Name>.v<N>.schema.json}): a channel per topic ({@link Topics}), a message per event
 * type and version with its CloudEvents headers, key and payload schema, and the platform's {@code send} operation
 * on each channel. Older versions are in it too: a topic still holds them until its retention drops them.
 *
 * <p>Made at build time, not at run time: {@code AsyncApiDocumentTest} checks that the document checked in at
 * {@link #RESOURCE} is what this makes, so a contract change shows in its diff, and the gateway serves the file as it
 * is (docs/events.md, "The contract as an AsyncAPI document"). Written here on Jackson's tree: the AsyncAPI Java
 * libraries (Quarkus' AsyncAPI scanner among them) read annotated channels of one application, where this is the
 * catalogue of every service's events, whose schemas exist already.
 */
final class AsyncApiDocument {

    /** Where the document is checked in, under {@code src/main/resources}: the classpath path the gateway reads. */
    static final String RESOURCE = "asyncapi/shopflow-events.json";

    private static final String KAFKA_BINDING_VERSION = "0.5.0";
    private static final String HEADERS_SCHEMA = "CloudEventHeaders";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PERSONAL_DATA_REQUESTS = "personalDataRequests";
    private static final String PERSONAL_DATA_ANSWERS = "personalDataAnswers";
    static final String REQUEST = "PersonalDataRequest";
    static final String ANSWER = "PersonalDataPart";
    /** SmallRye's request-reply headers, which any Kafka client writes and reads as plain headers. */
    private static final String REPLY_CORRELATION_ID = "REPLY_CORRELATION_ID";
    private static final String REPLY_TOPIC = "REPLY_TOPIC";
    private static final String REPLY_PARTITION = "REPLY_PARTITION";

    private AsyncApiDocument() {
    }

    /** The document as checked in: pretty-printed JSON with a final line break. */
    static String text(EventCatalog catalog) {
        try {
            return JSON.writeValueAsString(of(catalog)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode of(EventCatalog catalog) {
        var document = JSON.createObjectNode();
        document.put("asyncapi", "3.1.0");
        document.putObject("info")
                .put("title", "Shopflow domain events and requests")
                .put("version", "1")
                .put("description", "Every domain event of the platform, one Kafka topic per aggregate type. Each "
                        + "record is a CloudEvent in Kafka binary mode: the attributes are `ce_*` headers, the value "
                        + "is the JSON payload, the key is the aggregate id. `ce_type` names the event and its "
                        + "version (`OrderPlaced.v3`); older versions are listed too, as topics still hold them. "
                        + "Generated from the event catalogue (shared-events/event-contracts); the versioning "
                        + "rules are in its EVENTS.md. One exchange is a request and its answers rather than "
                        + "events: personal-data requests, over SmallRye's Kafka request-reply.");
        document.put("defaultContentType", CloudEventHeaders.JSON);
        var channels = document.putObject("channels");
        var operations = document.putObject("operations");
        var components = document.putObject("components");
        var messages = components.putObject("messages");
        var schemas = components.putObject("schemas");
        schemas.set(HEADERS_SCHEMA, headersSchema());

        byAggregate(catalog).forEach((aggregate, entries) -> {
            String topic = Topics.forAggregate(aggregate);
            var channel = channels.putObject(aggregate);
            channel.put("address", topic)
                    .put("description", "The events of the " + aggregate + " aggregate, keyed by its id: one "
                            + "aggregate's events are in order within their partition.");
            var channelMessages = channel.putObject("messages");
            channel.putObject("bindings").putObject("kafka").put("topic", topic)
                    .put("bindingVersion", KAFKA_BINDING_VERSION);
            var operation = operations.putObject("send" + capitalized(aggregate) + "Events");
            operation.put("action", "send")
                    .put("summary", "The service that owns the " + aggregate + " aggregate publishes its events "
                            + "through its outbox.");
            operation.putObject("channel").put("$ref", "#/channels/" + aggregate);
            ArrayNode operationMessages = operation.putArray("messages");
            for (var entry : entries) {
                for (int version = entry.currentVersion(); version >= 1; version--) {
                    String ceType = VersionedType.format(entry.name(), version);
                    var payload = payloadSchema(ceType);
                    schemas.set(ceType, payload);
                    messages.set(ceType, message(entry, ceType, payload.path("description").asText()));
                    channelMessages.putObject(ceType).put("$ref", "#/components/messages/" + ceType);
                    operationMessages.addObject().put("$ref", "#/channels/" + aggregate + "/messages/" + ceType);
                }
            }
        });
        personalDataRequests(channels, operations, messages, schemas);
        return document;
    }

    /**
     * The one request-reply exchange over Kafka (not events: no CloudEvents headers, no outbox): user-service asks
     * every holder of personal data what it keeps about a user, and each answers on the request's reply topic with
     * its correlation id, as SmallRye's Kafka request-reply writes and reads them (docs/personal-data.md).
     */
    private static void personalDataRequests(ObjectNode channels, ObjectNode operations, ObjectNode messages,
                                             ObjectNode schemas) {
        var requests = channels.putObject(PERSONAL_DATA_REQUESTS);
        requests.put("address", PersonalDataRequest.TOPIC)
                .put("description", "Requests for what a service holds about a user, keyed by the user id; every "
                        + "holder reads them in a consumer group of its own and answers each once.");
        requests.putObject("messages").putObject(REQUEST).put("$ref", "#/components/messages/" + REQUEST);
        var answers = channels.putObject(PERSONAL_DATA_ANSWERS);
        answers.putNull("address");
        answers.put("description", "Where each answer goes: the topic its request's REPLY_TOPIC header names ("
                + PersonalDataRequest.ANSWER_TOPIC + " for user-service), on its REPLY_PARTITION when given.");
        answers.putObject("messages").putObject(ANSWER).put("$ref", "#/components/messages/" + ANSWER);

        var operation = operations.putObject("requestPersonalData");
        operation.put("action", "send")
                .put("summary", "user-service asks every holder for a user's data and waits a bounded time for "
                        + "the answers; a holder that did not answer in time is named in the export.");
        operation.putObject("channel").put("$ref", "#/channels/" + PERSONAL_DATA_REQUESTS);
        operation.putArray("messages").addObject()
                .put("$ref", "#/channels/" + PERSONAL_DATA_REQUESTS + "/messages/" + REQUEST);
        var reply = operation.putObject("reply");
        reply.putObject("address").put("location", "$message.header#/" + REPLY_TOPIC)
                .put("description", "The requester's reply topic");
        reply.putObject("channel").put("$ref", "#/channels/" + PERSONAL_DATA_ANSWERS);
        reply.putArray("messages").addObject()
                .put("$ref", "#/channels/" + PERSONAL_DATA_ANSWERS + "/messages/" + ANSWER);

        messages.set(REQUEST, requestReplyMessage(REQUEST, "What do you hold about this user?", true));
        messages.set(ANSWER, requestReplyMessage(ANSWER, "What one service holds about the user: its rows that "
                + "name them in user_id, each as its columns plus the table's name in kind.", false));
        var request = schemas.putObject(REQUEST);
        request.put("type", "object").put("additionalProperties", false).putArray("required").add("userId");
        request.putObject("properties").putObject("userId").put("type", "string").put("minLength", 1)
                .put("maxLength", PersonalDataRequest.MAX_USER_ID_LENGTH);
        var answer = schemas.putObject(ANSWER);
        answer.put("type", "object").putArray("required").add("service").add("records").add("truncated");
        var properties = answer.putObject("properties");
        properties.putObject("service").put("type", "string").put("description", "The answering service");
        properties.putObject("records").put("type", "array").putObject("items").put("type", "object")
                .putObject("properties").putObject("kind").put("type", "string")
                .put("description", "The table the row is from");
        properties.putObject("truncated").put("type", "boolean")
                .put("description", "More rows were there than one answer carries");
    }

    private static ObjectNode requestReplyMessage(String name, String description, boolean request) {
        var message = JSON.createObjectNode();
        message.put("name", name).put("title", name).put("description", description)
                .put("contentType", CloudEventHeaders.JSON);
        var headers = message.putObject("headers");
        headers.put("type", "object");
        var properties = headers.putObject("properties");
        properties.putObject(REPLY_CORRELATION_ID).put("type", "string")
                .put("description", "Opaque bytes the requester chose (SmallRye writes a UUID); the answer carries "
                        + "them back unchanged");
        var required = headers.putArray("required").add(REPLY_CORRELATION_ID);
        if (request) {
            properties.putObject(REPLY_TOPIC).put("type", "string").put("description", "Where to answer (UTF-8)");
            properties.putObject(REPLY_PARTITION).put("type", "string")
                    .put("description", "Optional: the partition to answer on, a 4-byte big-endian integer");
            required.add(REPLY_TOPIC);
        }
        message.putObject("payload").put("$ref", "#/components/schemas/" + name);
        message.putObject("correlationId").put("description", "Matches an answer to its request")
                .put("location", "$message.header#/" + REPLY_CORRELATION_ID);
        if (request) {
            message.putObject("bindings").putObject("kafka").put("bindingVersion", KAFKA_BINDING_VERSION)
                    .putObject("key").put("type", "string").put("description", "The user id");
        }
        return message;
    }

    /** Topics and events in name order: the catalogue's own order is a hash map's, and the file must not churn. */
    private static Map<String, List<EventCatalog.Entry>> byAggregate(EventCatalog catalog) {
        var byAggregate = new TreeMap<String, List<EventCatalog.Entry>>();
        StreamSupport.stream(catalog.entries().spliterator(), false)
                .sorted(Comparator.comparing(EventCatalog.Entry::name))
                .forEach(entry -> byAggregate.computeIfAbsent(entry.aggregateType(), a -> new ArrayList<>())
                        .add(entry));
        return byAggregate;
    }

    private static ObjectNode message(EventCatalog.Entry entry, String ceType, String description) {
        var message = JSON.createObjectNode();
        message.put("name", entry.name()).put("title", ceType).put("description", description)
                .put("contentType", CloudEventHeaders.JSON);
        var headers = message.putObject("headers");
        headers.put("type", "object");
        var parts = headers.putArray("allOf");
        parts.addObject().put("$ref", "#/components/schemas/" + HEADERS_SCHEMA);
        parts.addObject().put("type", "object").putObject("properties").putObject(CloudEventHeaders.TYPE)
                .put("const", ceType);
        message.putObject("payload").put("$ref", "#/components/schemas/" + ceType);
        message.putObject("correlationId")
                .put("description", "Shared by every event of one business flow (one order)")
                .put("location", "$message.header#/" + CloudEventHeaders.CORRELATION_ID);
        message.putObject("bindings").putObject("kafka")
                .put("bindingVersion", KAFKA_BINDING_VERSION)
                .putObject("key").put("type", "string")
                .put("description", "The aggregate id, the same as ce_subject (what each aggregate is keyed by: "
                        + "EVENTS.md, Keys)");
        return message;
    }

    /**
     * The version's JSON Schema as AsyncAPI's own schema format reads it: the same keywords, without the 2020-12
     * dialect marker and the {@code urn:} id, which AsyncAPI's default format (a draft-07 superset) does not take.
     */
    private static ObjectNode payloadSchema(String ceType) {
        String resource = "/schemas/" + ceType + ".schema.json";
        try (InputStream in = EventCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No schema document " + resource + " for " + ceType);
            }
            var schema = (ObjectNode) JSON.readTree(in);
            schema.remove(List.of("$schema", "$id"));
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headers every event carries ({@link CloudEventHeaders}); {@code traceparent} only when it was traced. */
    private static ObjectNode headersSchema() {
        var schema = JSON.createObjectNode();
        schema.put("type", "object")
                .put("description", "CloudEvents 1.0 attributes in Kafka binary mode, and the W3C trace context.");
        var properties = schema.putObject("properties");
        properties.putObject(CloudEventHeaders.SPEC_VERSION).put("const", CloudEventHeaders.CLOUD_EVENTS_VERSION);
        header(properties, CloudEventHeaders.ID, "the event id (UUID); a redelivered event has the same: deduplicate "
                + "on it").put("format", "uuid");
        header(properties, CloudEventHeaders.TYPE, "the event name and version, Name.vN");
        header(properties, CloudEventHeaders.SOURCE, "the service that wrote it, //shopflow/<service>");
        header(properties, CloudEventHeaders.SUBJECT, "the aggregate id, the same as the key");
        header(properties, CloudEventHeaders.TIME, "when it happened, RFC 3339").put("format", "date-time");
        header(properties, CloudEventHeaders.AGGREGATE_TYPE, "the aggregate type, the topic's suffix");
        header(properties, CloudEventHeaders.CORRELATION_ID, "shared by every event of one business flow");
        header(properties, CloudEventHeaders.CAUSATION_ID, "the id of the event or request that caused this one");
        properties.putObject(CloudEventHeaders.CONTENT_TYPE).put("const", CloudEventHeaders.JSON);
        header(properties, CloudEventHeaders.TRACEPARENT, "W3C trace context of the transaction that wrote the "
                + "event; absent when it was not traced");
        var required = schema.putArray("required");
        properties.fieldNames().forEachRemaining(name -> {
            if (!name.equals(CloudEventHeaders.TRACEPARENT)) {
                required.add(name);
            }
        });
        return schema;
    }

    private static ObjectNode header(ObjectNode properties, String name, String description) {
        return properties.putObject(name).put("type", "string").put("description", description);
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
