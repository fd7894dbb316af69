package io.shopflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema documents are the contract other teams read: they must match what the code writes and reads. */
class EventSchemasTest {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final ObjectMapper json = new ObjectMapper();
    private final EventCodec codec = new EventCodec(PlatformEvents.catalog());

    /** Every event type of the catalogue, so a new type cannot skip the check. */
    static Stream<EventCatalog.Entry> eventTypes() {
        return StreamSupport.stream(PlatformEvents.catalog().entries().spliterator(), false);
    }

    /** Every version before the current one of every event type: the versions still stored in event streams. */
    static Stream<String> olderVersions() {
        return eventTypes().flatMap(entry -> IntStream.range(1, entry.currentVersion())
                .mapToObj(version -> VersionedType.format(entry.name(), version)));
    }

    private static JsonSchema schema(String ceType) {
        String resource = "/schemas/" + ceType + ".schema.json";
        try (InputStream in = EventSchemasTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("schema document %s", resource).isNotNull();
            return SCHEMAS.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(String data) throws IOException {
        return json.readTree(data);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void what_the_code_writes_matches_its_schema(EventCatalog.Entry type) throws IOException {
        var envelope = codec.encode(SampleEvents.of(type), EventMetadata.startOf("c", null), "//shopflow/test");
        assertThat(envelope.ceType()).isEqualTo(VersionedType.format(type.name(), type.currentVersion()));
        assertThat(schema(envelope.ceType()).validate(tree(envelope.data()))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("olderVersions")
    void stored_older_versions_match_their_historic_schemas(String ceType) throws IOException {
        assertThat(schema(ceType).validate(tree(SampleEvents.storedPayload(ceType)))).isEmpty();
    }

    @Test
    void a_schema_rejects_a_payload_missing_a_required_field() throws IOException {
        var errors = schema("OrderPlaced.v3").validate(tree("{\"orderId\": \"o-1\", \"lines\": []}"));
        assertThat(errors).extracting(Object::toString)
                .anyMatch(message -> message.contains("userId"))
                .anyMatch(message -> message.contains("lines"));
    }
}
