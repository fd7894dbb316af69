package io.shopflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import io.shopflow.events.personaldata.PersonalDataRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AsyncAPI document checked in at {@code src/main/resources/asyncapi/shopflow-events.json} is the one the
 * catalogue makes ({@link AsyncApiDocument}), and it has every event type and version of the catalogue on its topic.
 * After a change to the catalogue or a schema, write it again with
 * {@code ./mvnw -pl shared-events/event-contracts test -Dtest=AsyncApiDocumentTest -Dshopflow.asyncapi.write=true}
 * and commit it. The AsyncAPI parser validates the file in deploy/system-tests ({@code AsyncApiDocumentParseTest}).
 */
class AsyncApiDocumentTest {

    private static final Path CHECKED_IN = Path.of("src/main/resources").resolve(AsyncApiDocument.RESOURCE);
    private static final boolean WRITE = Boolean.getBoolean("shopflow.asyncapi.write");

    /** Every version of every event type of the catalogue, as {@code aggregate} and {@code ce_type}. */
    static Stream<String[]> eventVersions() {
        return EventSchemasTest.eventTypes().flatMap(entry -> IntStream.rangeClosed(1, entry.currentVersion())
                .mapToObj(version -> new String[] {entry.aggregateType(), VersionedType.format(entry.name(), version)}));
    }

    private static JsonNode checkedIn() throws IOException {
        return new ObjectMapper().readTree(CHECKED_IN.toFile());
    }

    @Test
    void the_checked_in_document_is_the_one_the_catalogue_makes() throws IOException {
        String made = AsyncApiDocument.text(PlatformEvents.catalog());
        if (WRITE) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, made, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
                .as("%s is out of date: write it again with -Dshopflow.asyncapi.write=true (see this test's comment)",
                        CHECKED_IN)
                .isEqualTo(made);
    }

    @ParameterizedTest(name = "{1} on shopflow.{0}")
    @MethodSource("eventVersions")
    void every_event_type_and_version_is_a_message_of_its_topic(String aggregate, String ceType) throws IOException {
        var document = checkedIn();
        var channel = document.path("channels").path(aggregate);

        assertThat(channel.path("address").asText()).isEqualTo(Topics.forAggregate(aggregate));
        assertThat(channel.path("messages").path(ceType).path("$ref").asText())
                .isEqualTo("#/components/messages/" + ceType);
        var message = document.path("components").path("messages").path(ceType);
        assertThat(message.path("payload").path("$ref").asText()).isEqualTo("#/components/schemas/" + ceType);
        assertThat(message.path("headers").path("allOf").get(1).path("properties").path("ce_type").path("const")
                .asText()).isEqualTo(ceType);
        assertThat(document.path("components").path("schemas").path(ceType).path("title").asText())
                .as("the payload schema of %s, from its schema document", ceType).isEqualTo(ceType);
    }

    @Test
    void the_document_has_no_message_the_catalogue_does_not_know() throws IOException {
        var known = new ArrayList<>(eventVersions().map(version -> version[1]).toList());
        known.add(AsyncApiDocument.REQUEST);
        known.add(AsyncApiDocument.ANSWER);

        assertThat(checkedIn().path("components").path("messages").fieldNames())
                .toIterable().containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void the_personal_data_request_is_an_operation_whose_answers_come_on_the_requests_reply_topic() throws IOException {
        var document = checkedIn();
        var operation = document.path("operations").path("requestPersonalData");

        assertThat(document.path("channels").path("personalDataRequests").path("address").asText())
                .isEqualTo(PersonalDataRequest.TOPIC);
        assertThat(operation.path("reply").path("address").path("location").asText())
                .isEqualTo("$message.header#/REPLY_TOPIC");
        assertThat(operation.path("reply").path("messages").get(0).path("$ref").asText())
                .isEqualTo("#/channels/personalDataAnswers/messages/PersonalDataPart");
        assertThat(document.path("components").path("messages").path("PersonalDataRequest").path("headers")
                .path("required")).extracting(JsonNode::asText).containsExactly("REPLY_CORRELATION_ID", "REPLY_TOPIC");
    }
}
