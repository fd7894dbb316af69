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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema documents are the contract other teams read: they must match what the code writes and reads. */
class EventSchemasTest {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final ObjectMapper json = new ObjectMapper();
    private final EventCodec codec = new EventCodec(PlatformEvents.catalog());

    static List<DomainEvent> samples() {
        return SampleEvents.all();
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

    @Test
    void every_current_event_version_has_a_schema_document() {
        PlatformEvents.catalog().entries().forEach(entry ->
                schema(VersionedType.format(entry.name(), entry.currentVersion())));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void what_the_code_writes_matches_its_schema(DomainEvent event) throws IOException {
        var envelope = codec.encode(event, EventMetadata.startOf("c", null), "//shopflow/test");
        assertThat(schema(envelope.ceType()).validate(tree(envelope.data()))).isEmpty();
    }

    @Test
    void stored_older_versions_match_their_historic_schemas() throws IOException {
        assertThat(schema("OrderPlaced.v1").validate(tree(SampleEvents.ORDER_PLACED_V1))).isEmpty();
        assertThat(schema("OrderPlaced.v2").validate(tree(SampleEvents.ORDER_PLACED_V2))).isEmpty();
    }

    @Test
    void a_schema_rejects_a_payload_missing_a_required_field() throws IOException {
        var errors = schema("OrderPlaced.v3").validate(tree("{\"orderId\": \"o-1\", \"lines\": []}"));
        assertThat(errors).extracting(Object::toString)
                .anyMatch(message -> message.contains("userId"))
                .anyMatch(message -> message.contains("lines"));
    }
}
