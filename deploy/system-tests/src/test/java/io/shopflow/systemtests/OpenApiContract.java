package io.shopflow.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi31;
import io.shopflow.events.testing.HostileInput;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an OpenAPI 3.1 document says of an answer, checked against a live one: the operation is the one at the
 * request's method and path, it documents the answer's status (or its {@code 4XX} range, or a {@code default}) and
 * content type, and a JSON body is valid against that content's schema. The JSON Schema part, with the document's
 * {@code $ref}s and formats, is networknt's validator in OpenAPI 3.1's dialect; choosing the response is written
 * here because no Java library validates answers against an OpenAPI 3.1 document (Atlassian's request validator
 * reads 3.0 only; Vert.x's, in the Vert.x the platform uses, takes no {@code application/problem+json}).
 */
final class OpenApiContract {

    /** Where the document is known to the validator, for its own {@code #/components/...} references. */
    private static final String DOCUMENT_IRI = "https://shopflow.invalid/openapi.json";
    private static final SchemaValidatorsConfig STRICT = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final JsonNode document;
    private final JsonSchemaFactory schemas;

    OpenApiContract(JsonNode document) {
        this.document = document;
        // The document's own fields around its schemas (openapi, paths...) are no schema keywords: read, not warned of.
        var dialect = JsonMetaSchema.builder(OpenApi31.getInstance())
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword)).build();
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(dialect).defaultMetaSchemaIri(dialect.getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_IRI, document.toString()))));
    }

    /** A request's method and path (as sent, without the query) and what it was answered. */
    record Exchange(String method, String path, int status, String contentType, String body) {

        static Exchange of(HttpResponse<String> answer) {
            var request = answer.request();
            return new Exchange(request.method(), request.uri().getRawPath(), answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }

    /** What is wrong with {@code exchange} for the operation {@code operationId}; empty when the document says it. */
    List<String> violations(String operationId, Exchange exchange) {
        var found = operation(operationId);
        if (found.isEmpty()) {
            return List.of("no operation " + operationId);
        }
        var operation = found.get();
        String what = exchange.toString();
        if (!operation.method().equals(exchange.method().toLowerCase(Locale.ROOT))
                || !matches(operation.path(), exchange.path())) {
            return List.of(what + ": " + operationId + " is " + operation.method() + " " + operation.path());
        }
        String status = Integer.toString(exchange.status());
        var responses = operation.node().path("responses");
        String documented = responses.has(status) ? status
                : responses.has(status.charAt(0) + "XX") ? status.charAt(0) + "XX"
                : responses.has("default") ? "default" : null;
        if (documented == null) {
            return List.of(what + ": status not documented for " + operationId + " (only " + names(responses) + ")");
        }
        var content = responses.path(documented).path("content");
        String body = exchange.body();
        if (content.isEmpty()) {
            return body.isEmpty() ? List.of() : List.of(what + ": a body where " + operationId + " documents none");
        }
        String mediaType = exchange.contentType().split(";")[0].trim();
        if (!content.has(mediaType)) {
            return List.of(what + ": content type '" + mediaType + "' where " + operationId + " documents "
                    + names(content));
        }
        if (!isJson(mediaType)) {
            return List.of(); // an event stream, say: what is in it is not a JSON document to check
        }
        String schema = "#/paths/" + escaped(operation.path()) + "/" + operation.method() + "/responses/"
                + escaped(documented) + "/content/" + escaped(mediaType) + "/schema";
        var errors = new ArrayList<String>();
        schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + schema), STRICT).validate(body, InputFormat.JSON)
                .forEach(error -> errors.add(what + " (" + operationId + "): " + error.getMessage() + " in "
                        + HostileInput.abbreviated(body)));
        return errors;
    }

    private record Operation(String path, String method, JsonNode node) {
    }

    private Optional<Operation> operation(String operationId) {
        for (var path : document.path("paths").properties()) {
            for (var method : path.getValue().properties()) {
                if (operationId.equals(method.getValue().path("operationId").asText(null))) {
                    return Optional.of(new Operation(path.getKey(), method.getKey(), method.getValue()));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path} is one the template names, each {@code {parameter}} standing for one segment. */
    private static boolean matches(String template, String path) {
        String[] expected = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            boolean parameter = expected[i].startsWith("{") && expected[i].endsWith("}") && !actual[i].isEmpty();
            if (!parameter && !expected[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    /** A JSON Pointer token in a URI fragment, percent-encoded (networknt decodes that, not {@code ~1}). */
    private static String escaped(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String names(JsonNode object) {
        var names = new ArrayList<String>();
        object.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}
