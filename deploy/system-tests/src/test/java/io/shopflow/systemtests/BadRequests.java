package io.shopflow.systemtests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.events.testing.HostileInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Bad requests for the public API, made from a seed. Each is a valid request to one public operation with one
 * thing broken: a field's value or type, the JSON, its bytes or its content type, a path or query parameter, a
 * header, or the credentials. One broken thing at a time, so an answer tells how that thing is handled.
 */
final class BadRequests {

    /** One request: what was broken ({@code kind}), and the request itself, its path relative to the gateway. */
    record BadRequest(String operation, String kind, String method, String pathAndQuery, Map<String, String> headers,
                      byte[] body) {
    }

    /** What valid requests are made of: a real user, their token, an admin's, one of their orders, a product. */
    record Fixture(String userId, String userToken, String adminToken, String orderId, String sku) {
    }

    /** Who a valid request is sent as. */
    enum Caller { ANONYMOUS, USER, ADMIN }

    /**
     * A public operation: {@code path} with {user}, {order} and {sku} placeholders, an optional query, and for writes
     * the valid body as field -> raw JSON value (placeholders allowed).
     */
    record Operation(String method, String path, String query, Caller caller, Map<String, String> body) {

        String name() {
            return method + " " + path;
        }
    }

    static final List<Operation> OPERATIONS = List.of(
            new Operation("POST", "/api/v1/users", "", Caller.ANONYMOUS, fields(
                    "name", "\"Fuzzy Tester\"", "email", "\"fuzz-{random}@example.com\"",
                    "address", "\"1 Random Road\"", "initialCredit", "10")),
            new Operation("GET", "/api/v1/users/{user}", "", Caller.USER, null),
            new Operation("PUT", "/api/v1/users/{user}", "", Caller.USER, fields(
                    "name", "\"Fuzzy Tester\"", "email", "\"fuzz-{random}@example.com\"",
                    "address", "\"2 Random Road\"")),
            new Operation("PATCH", "/api/v1/users/{user}", "", Caller.USER, fields("address", "\"3 Random Road\"")),
            new Operation("PATCH", "/api/v1/users/{user}/credit", "", Caller.ADMIN, fields("amount", "1.50")),
            new Operation("GET", "/api/v1/products", "", Caller.ANONYMOUS, null),
            new Operation("GET", "/api/v1/products/{sku}", "", Caller.ANONYMOUS, null),
            new Operation("GET", "/api/v1/orders", "userId={user}&limit=5", Caller.USER, null),
            new Operation("GET", "/api/v1/orders/{order}", "", Caller.USER, null),
            new Operation("GET", "/api/v2/orders/{order}", "", Caller.USER, null),
            new Operation("GET", "/api/v1/orders/{order}/details", "", Caller.USER, null),
            new Operation("POST", "/api/v1/orders", "", Caller.USER, fields(
                    "userId", "\"{user}\"", "lines", "[{\"sku\":\"{sku}\",\"quantity\":1}]")),
            new Operation("GET", "/api/v1/payments", "orderId={order}", Caller.USER, null),
            new Operation("GET", "/api/v1/shipments", "orderId={order}", Caller.USER, null),
            new Operation("GET", "/api/v1/notifications", "userId={user}&limit=5", Caller.USER, null));

    private static final ObjectMapper JSON = new ObjectMapper();

    /** JSON values of every type and at every boundary, to put where a field's value goes. */
    private static final List<String> ODD_VALUES = List.of(
            "null", "true", "false", "0", "-1", "-0.0", "1e309", "-1e309", "1e-400", "2147483648",
            "9223372036854775808", "123456789012345678901234567890.123456789", "0.000000001", "[]", "{}", "[1,2,3]",
            "{\"$gt\":\"\"}", "\"\"", "[" .repeat(2_000) + "]".repeat(2_000));

    /** Whole bodies that are broken JSON, not JSON at all, or JSON of the wrong shape. */
    private static final List<String> BROKEN_BODIES = List.of(
            "", "{", "}", "{\"a\":}", "[]", "null", "\"text\"", "42", "{\"name\":\"x\",}", "{'name':'x'}",
            "<user><name>x</name></user>", "{\"a\":1}{\"b\":2}", "\u0000", "[".repeat(20_000));

    /** A lead byte of a two-byte sequence followed by one that cannot continue it, and where it goes. */
    private static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28};
    private static final String NOT_UTF8_MARK = "NOT-UTF-8-HERE";

    private final Random random;
    private final Fixture fixture;

    BadRequests(long seed, Fixture fixture) {
        this.random = new Random(seed);
        this.fixture = fixture;
    }

    /** The next bad request: a random operation, broken in a random way that applies to it. */
    BadRequest next() {
        var operation = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
        var ways = new ArrayList<Function<Operation, BadRequest>>(List.of(this::badCredentials, this::badHeader));
        if (operation.body() != null) {
            ways.addAll(List.of(this::badFieldValue, this::missingField, this::brokenBody, this::invalidUtf8,
                    this::wrongContentType));
        }
        if (operation.path().contains("{")) {
            ways.add(this::badPathParameter);
        }
        if (!operation.query().isEmpty()) {
            ways.add(this::badQueryParameter);
        }
        return pick(ways).apply(operation);
    }

    private BadRequest badFieldValue(Operation operation) {
        var body = new LinkedHashMap<>(operation.body());
        String field = pick(List.copyOf(body.keySet()));
        String value = random.nextBoolean() ? pick(ODD_VALUES) : quoted(pick(HostileInput.STRINGS));
        if (field.equals("lines") && random.nextBoolean()) {
            // Inside the order line rather than in place of the list.
            value = random.nextBoolean() ? "[{\"sku\":" + value + ",\"quantity\":1}]"
                    : "[{\"sku\":\"" + fixture.sku() + "\",\"quantity\":" + value + "}]";
        }
        body.put(field, value);
        return withBody(operation, "field value", json(body));
    }

    private BadRequest missingField(Operation operation) {
        var body = new LinkedHashMap<>(operation.body());
        body.remove(pick(List.copyOf(body.keySet())));
        return withBody(operation, "missing field", json(body));
    }

    private BadRequest brokenBody(Operation operation) {
        return withBody(operation, "broken JSON", pick(BROKEN_BODIES).getBytes(StandardCharsets.UTF_8));
    }

    /** The valid body with one field's value a string whose bytes are not UTF-8. */
    private BadRequest invalidUtf8(Operation operation) {
        var body = new LinkedHashMap<>(operation.body());
        body.put(pick(List.copyOf(body.keySet())), "\"" + NOT_UTF8_MARK + "\"");
        String marked = new String(json(body), StandardCharsets.UTF_8);
        int at = marked.indexOf(NOT_UTF8_MARK);
        byte[] before = marked.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = marked.substring(at + NOT_UTF8_MARK.length()).getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[before.length + NOT_UTF8.length + after.length];
        System.arraycopy(before, 0, broken, 0, before.length);
        System.arraycopy(NOT_UTF8, 0, broken, before.length, NOT_UTF8.length);
        System.arraycopy(after, 0, broken, before.length + NOT_UTF8.length, after.length);
        return withBody(operation, "invalid UTF-8", broken);
    }

    private BadRequest wrongContentType(Operation operation) {
        var headers = credentials(operation.caller());
        headers.put("Content-Type", pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=utf-16", "image/png")));
        return request(operation, "content type", operation.path(), operation.query(), headers, body(operation));
    }

    private BadRequest badPathParameter(Operation operation) {
        String nasty = pick(List.of(encoded(pick(HostileInput.STRINGS)), "..%2F..%2Fadmin", "%2e%2e", "%00", "%25ZZ",
                UUID.randomUUID().toString(), "x".repeat(5_000)));
        return request(operation, "path parameter", operation.path().replaceFirst("\\{(user|order|sku)}", nasty),
                operation.query(), credentials(operation.caller()), body(operation));
    }

    private BadRequest badQueryParameter(Operation operation) {
        String query = operation.query();
        String broken = pick(List.of(
                query.replaceFirst("=\\{(user|order)}", "=" + encoded(pick(HostileInput.STRINGS))),
                query.replace("limit=5", "limit=" + encoded(pick(List.of("-1", "0", "2147483648", "abc", "1e9")))),
                query + "&" + query, "", "%25%25", query + "&unknown=" + encoded("'"), "userId=" + "x".repeat(5_000)));
        return request(operation, "query parameter", operation.path(), broken, credentials(operation.caller()),
                body(operation));
    }

    private BadRequest badCredentials(Operation operation) {
        String authorization = pick(List.of("", "Bearer", "Bearer ", "Bearer x.y.z", "Basic YWRtaW46YWRtaW4=",
                "Bearer " + unsignedAdminToken(), "Bearer " + tamperedToken(), "Bearer " + "a".repeat(20_000),
                "Bearer " + fixture.userToken() + "x"));
        var headers = new LinkedHashMap<String, String>();
        if (!authorization.isEmpty()) {
            headers.put("Authorization", authorization);
        }
        if (random.nextInt(4) == 0) {
            headers.put("X-Api-Key", pick(List.of("", "guess", "x".repeat(5_000))));
        }
        return request(operation, "credentials", operation.path(), operation.query(), headers, body(operation));
    }

    private BadRequest badHeader(Operation operation) {
        var headers = credentials(operation.caller());
        switch (random.nextInt(3)) {
            case 0 -> headers.put("X-Correlation-Id", printable(pick(HostileInput.STRINGS)));
            case 1 -> headers.put("Accept", pick(List.of("application/vnd.platform.v99+json", "text/html",
                    "application/xml", "*/*;q=abc", "application/vnd.platform.v2+json;charset=nope")));
            default -> headers.put("Idempotency-Key", printable(pick(HostileInput.STRINGS)));
        }
        return request(operation, "header", operation.path(), operation.query(), headers, body(operation));
    }

    private BadRequest withBody(Operation operation, String kind, byte[] body) {
        return request(operation, kind, operation.path(), operation.query(), credentials(operation.caller()), body);
    }

    /**
     * The request, with what a valid one has and {@code headers} do not set: the JSON content type for a body and,
     * for orders, an Idempotency-Key of its own (so none is refused as a replay of another).
     */
    private BadRequest request(Operation operation, String kind, String path, String query,
                               Map<String, String> headers, byte[] body) {
        var all = new LinkedHashMap<>(headers);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        if (operation.name().equals("POST /api/v1/orders")) {
            all.putIfAbsent("Idempotency-Key", UUID.randomUUID().toString());
        }
        return new BadRequest(operation.name(), kind, operation.method(),
                fill(path) + (query.isEmpty() ? "" : "?" + fill(query)), all, body);
    }

    private Map<String, String> credentials(Caller caller) {
        var headers = new LinkedHashMap<String, String>();
        switch (caller) {
            case USER -> headers.put("Authorization", "Bearer " + fixture.userToken());
            case ADMIN -> headers.put("Authorization", "Bearer " + fixture.adminToken());
            case ANONYMOUS -> { }
        }
        return headers;
    }

    private byte[] body(Operation operation) {
        return operation.body() == null ? null : json(operation.body());
    }

    /** The user's own token with its claims swapped for an admin's: the signature no longer matches. */
    private String tamperedToken() {
        String[] parts = fixture.userToken().split("\\.");
        return parts[0] + "." + base64("{\"sub\":\"admin\",\"permissions\":[\"admin:orders\",\"admin:users\"]}") + "."
                + parts[2];
    }

    /** An admin token that claims it needs no signature ({@code alg: none}). */
    private String unsignedAdminToken() {
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + base64("{\"sub\":\"admin\",\"permissions\":[\"admin:orders\",\"admin:users\"]}") + ".";
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] json(Map<String, String> body) {
        return body.entrySet().stream()
                .map(field -> quoted(field.getKey()) + ":" + fill(field.getValue()))
                .collect(Collectors.joining(",", "{", "}"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private String fill(String template) {
        return template.replace("{user}", fixture.userId()).replace("{order}", fixture.orderId())
                .replace("{sku}", fixture.sku()).replace("{random}", UUID.randomUUID().toString());
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** What an HTTP client can send as a header value at all: visible ASCII and spaces, no line breaks. */
    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static Map<String, String> fields(String... namesAndValues) {
        var fields = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
