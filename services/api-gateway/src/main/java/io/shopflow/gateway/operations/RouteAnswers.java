package io.shopflow.gateway.operations;

import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.gateway.route.Ownership;
import io.shopflow.gateway.route.RouteTable;
import io.shopflow.problems.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;

/**
 * What the gateway asks of a caller on a route and what it answers there itself, before or instead of the service,
 * said in the route's OpenAPI operations (of the public document, {@link PublicApiDocument}): the credentials it
 * takes as OpenAPI security, the permission and owner rule in the description, and its own refusals as responses
 * with the {@code Problem} schema (which every service's document defines: quarkus-problems). A response the
 * operation already documents keeps its description.
 */
final class RouteAnswers {

    private static final JsonObject PROBLEM = new JsonObject().put(Problem.MEDIA_TYPE, new JsonObject()
            .put("schema", new JsonObject().put("$ref", "#/components/schemas/Problem")));
    private static final JsonObject SECONDS = new JsonObject().put("type", "integer").put("minimum", 0);

    private RouteAnswers() {
    }

    static void describe(JsonObject operation, RouteTable.Route route) {
        boolean credentialsNeeded = route.access() != GatewayConfig.Access.PUBLIC;
        operation.put("security", credentialsNeeded
                ? new JsonArray().add(new JsonObject().put("bearer", new JsonArray()))
                        .add(new JsonObject().put("apiKey", new JsonArray()))
                : new JsonArray());
        describeRule(operation, route);
        if (route.versioning().isPresent()) {
            operation.put("deprecated", true);
        }
        var responses = operation.getJsonObject("responses");
        if (responses == null) {
            responses = new JsonObject();
            operation.put("responses", responses);
        }
        addRefusals(responses, route, credentialsNeeded);
    }

    /** The permission and owner rule, in words. */
    private static void describeRule(JsonObject operation, RouteTable.Route route) {
        var notes = new ArrayList<String>();
        route.permission().ifPresent(permission -> notes.add("Needs the permission `" + permission + "`."));
        route.ownership().ifPresent(ownership -> notes.add("Only for the resource's owner"
                + route.adminPermission().map(admin -> " or a caller with `" + admin + "`").orElse("") + "."));
        if (!notes.isEmpty()) {
            String said = operation.getString("description");
            operation.put("description", (said == null ? "" : said + "\n\n") + String.join(" ", notes));
        }
    }

    /** What the gateway answers on this route before (or instead of) the service: docs/gateway.md, Refusals. */
    private static void addRefusals(JsonObject responses, RouteTable.Route route, boolean credentialsNeeded) {
        add(responses, "401", (credentialsNeeded ? "No credentials, or credentials" : "Credentials")
                + " that are not valid", new JsonObject().put("WWW-Authenticate",
                header("The scheme to authenticate with: `Bearer`", new JsonObject().put("type", "string"))));
        if (credentialsNeeded) {
            add(responses, "403", "The caller may not do this: it lacks the permission, or the resource is another's",
                    null);
        }
        if (route.ownership().filter(Ownership::throughOrder).isPresent()) {
            add(responses, "404", "No such order", null);
        }
        if (route.checks().isPresent()) {
            add(responses, "404", "The user (`unknown-user`) or a sku (`unknown-product`) does not exist", null);
            add(responses, "409", "Not enough stock for a line (`insufficient-stock`, naming each sku)", null);
        }
        add(responses, "429", "Over a rate limit; try again after `Retry-After`",
                new JsonObject().put("Retry-After", header("Seconds to wait", SECONDS)));
        add(responses, "503", "The service behind cannot be reached now; try again after `Retry-After`",
                new JsonObject().put("Retry-After", header("Seconds to wait", SECONDS)));
        if (route.service().isPresent()) {
            add(responses, "504", "The service did not answer within the route's timeout", null);
        }
    }

    private static void add(JsonObject responses, String status, String description, JsonObject headers) {
        if (responses.containsKey(status)) {
            return;
        }
        var response = new JsonObject().put("description", description);
        if (headers != null) {
            response.put("headers", headers);
        }
        responses.put(status, response.put("content", PROBLEM.copy()));
    }

    private static JsonObject header(String description, JsonObject schema) {
        return new JsonObject().put("description", description).put("schema", schema.copy());
    }
}
