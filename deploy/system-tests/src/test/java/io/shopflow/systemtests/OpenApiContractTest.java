package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.systemtests.OpenApiContract.Exchange;
import org.junit.jupiter.api.Test;

/**
 * The checker {@link ApiContractSystemTest} relies on, on a document of its own: it accepts what the document says
 * and finds each way an answer can disagree with it, so that a disagreement on the platform cannot pass unseen.
 */
class OpenApiContractTest {

    private static final String PROBLEM = "application/problem+json";
    private static final OpenApiContract CONTRACT = new OpenApiContract(document());

    private static JsonNode document() {
        try {
            return new ObjectMapper().readTree("""
                    {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                     "paths": {"/things/{id}": {"get": {"operationId": "getThing", "responses": {
                       "200": {"description": "a thing", "content": {"application/json": {"schema": {
                         "$ref": "#/components/schemas/Thing"}}}},
                       "404": {"description": "none", "content": {"application/problem+json": {"schema": {
                         "$ref": "#/components/schemas/Problem"}}}}}}}},
                     "components": {"schemas": {
                       "Thing": {"type": "object", "required": ["id", "price"], "properties": {
                         "id": {"type": "string", "format": "uuid"}, "price": {"type": "number"},
                         "note": {"type": ["string", "null"]}}},
                       "Problem": {"type": "object", "required": ["type", "status"], "properties": {
                         "type": {"type": "string"}, "status": {"type": "integer"}}}}}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Exchange answer(int status, String contentType, String body) {
        return new Exchange("GET", "/things/3f1e5c1c-2b0a-4f54-9a39-8d7c1f0e6a11", status, contentType, body);
    }

    @Test
    void answers_the_document_describes_pass() {
        assertThat(CONTRACT.violations("getThing", answer(200, "application/json;charset=UTF-8",
                "{\"id\":\"3f1e5c1c-2b0a-4f54-9a39-8d7c1f0e6a11\",\"price\":54.9,\"note\":null}"))).isEmpty();
        assertThat(CONTRACT.violations("getThing", answer(404, PROBLEM, "{\"type\":\"urn:x\",\"status\":404}")))
                .isEmpty();
    }

    @Test
    void a_body_of_another_shape_is_found() {
        assertThat(CONTRACT.violations("getThing", answer(200, "application/json",
                "{\"id\":\"3f1e5c1c-2b0a-4f54-9a39-8d7c1f0e6a11\",\"price\":\"54.90\"}"))).singleElement()
                .asString().contains("price");
        assertThat(CONTRACT.violations("getThing", answer(200, "application/json", "{\"id\":\"not-a-uuid\","
                + "\"price\":1}"))).as("formats are asserted").isNotEmpty();
        assertThat(CONTRACT.violations("getThing", answer(404, PROBLEM, "{\"status\":404}"))).isNotEmpty();
    }

    @Test
    void an_undocumented_status_or_content_type_is_found() {
        assertThat(CONTRACT.violations("getThing", answer(403, PROBLEM, "{\"type\":\"urn:x\",\"status\":403}")))
                .singleElement().asString().contains("status not documented");
        assertThat(CONTRACT.violations("getThing", answer(404, "text/html", "<p>not found</p>"))).singleElement()
                .asString().contains("content type 'text/html'");
    }

    @Test
    void an_operation_asked_for_at_another_path_is_found() {
        assertThat(CONTRACT.violations("getThing", new Exchange("GET", "/things/a/b", 200, "application/json", "{}")))
                .singleElement().asString().contains("getThing is get /things/{id}");
        assertThat(CONTRACT.violations("noSuchThing", answer(200, "application/json", "{}"))).isNotEmpty();
    }
}
