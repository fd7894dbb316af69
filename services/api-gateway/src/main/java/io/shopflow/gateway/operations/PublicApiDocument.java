package io.shopflow.gateway.operations;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.ManagementInterface;
import io.shopflow.gateway.client.ServiceInstances;
import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.gateway.route.RouteTable;
import io.shopflow.gateway.security.ApiKeys;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One OpenAPI document for the whole public API, at {@code GET /openapi} (and in Swagger UI at
 * {@code /q/swagger-ui} on the management interface): each service's own document ({@code /q/openapi} on its
 * management interface, the instance picked by Stork like any request),
 * cut down to the operations a route makes public, with the authentication and permission the gateway asks for
 * each, plus what the gateway answers itself ({@code openapi/gateway.json}). Schemas that two services name alike
 * but define differently are told apart by the service's name.
 *
 * <p>Written by hand on plain Vert.x JSON. SmallRye OpenAPI (on the classpath for the gateway's own document) has a
 * merge, {@code MergeUtil}, and a filter that drops unused schemas, but its merge is for the documents one
 * application's mechanisms produce: it takes each document whole, where the public one takes only the operations a
 * route publishes and adds the route's security and refusals ({@link RouteAnswers}); and it merges two schemas of one
 * name field by field, where two services' different {@code Order}s must stay two schemas. What would be left to
 * it, reading, writing and pruning schemas, is a few dozen lines here, and reading each service's document into its
 * model and back would rewrite the services' JSON Schema for nothing.
 *
 * <p>A complete document is kept once made; one with a service missing (down, or still starting) says so in its
 * description and is made again on the next request.
 */
@ApplicationScoped
public class PublicApiDocument {

    private static final Logger LOG = Logger.getLogger(PublicApiDocument.class);

    public static final String PATH = "/openapi";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final RouteTable routes;
    private final ServiceInstances instances;
    private final JsonObject gatewayPart;
    private final long timeoutMillis;
    private final AtomicReference<Buffer> complete = new AtomicReference<>();

    PublicApiDocument(RouteTable routes, GatewayConfig config, ServiceInstances instances) {
        this.routes = routes;
        this.instances = instances;
        this.gatewayPart = classpathJson("openapi/gateway.json");
        this.timeoutMillis = config.publicApiTimeout().toMillis();
    }

    void mount(@Observes StartupEvent start, Router router) {
        router.get(PATH).handler(this::answer);
    }

    /** The same document on the management interface, where Swagger UI reads it from its own origin. */
    void mountForSwaggerUi(@Observes ManagementInterface management) {
        management.router().get(PATH).handler(this::answer);
    }

    private void answer(RoutingContext request) {
        var kept = complete.get();
        if (kept != null) {
            send(request, kept);
            return;
        }
        var services = new TreeSet<String>();
        // A route that asks its service for other paths than its public ones (service-path-prefix) cannot take its
        // operations from the service's document; the gateway's own part describes it.
        routes.routes().stream().filter(route -> route.servicePathPrefix().isEmpty())
                .forEach(route -> route.service().ifPresent(services::add));
        var documents = new TreeMap<String, Future<JsonObject>>();
        services.forEach(service -> documents.put(service, documentOf(service)));
        Future.join(new ArrayList<>(documents.values())).onComplete(ignored -> {
            var missing = new ArrayList<String>();
            var merged = skeleton();
            merge(merged, "gateway", gatewayPart, false);
            documents.forEach((service, document) -> {
                if (document.succeeded()) {
                    merge(merged, service, document.result(), true);
                } else {
                    LOG.warnf("The public API document goes without %s's part: %s", service, document.cause().toString());
                    missing.add(service);
                }
            });
            dropUnusedSchemas(merged);
            if (!missing.isEmpty()) {
                merged.getJsonObject("info").put("description", "Incomplete: the documents of " + missing
                        + " could not be read just now; ask again later.");
            }
            var body = merged.toBuffer();
            if (missing.isEmpty()) {
                complete.set(body);
            }
            send(request, body);
        });
    }

    private static void send(RoutingContext request, Buffer body) {
        request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    private Future<JsonObject> documentOf(String service) {
        return instances.requestManagement(service, new RequestOptions().setMethod(HttpMethod.GET)
                        .setURI("/q/openapi?format=json").putHeader(HttpHeaders.ACCEPT, "application/json")
                        .setTimeout(timeoutMillis))
                .compose(ask -> ask.send())
                .compose(answer -> answer.statusCode() == 200 ? answer.body()
                        : Future.failedFuture(service + " answered " + answer.statusCode()))
                .map(Buffer::toJsonObject);
    }

    private static JsonObject skeleton() {
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "Shopflow public API").put("version", "1")
                        .put("description", "Every operation clients reach through the api-gateway."))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("paths", new JsonObject())
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject())
                        .put("securitySchemes", new JsonObject()
                                .put("bearer", new JsonObject().put("type", "http").put("scheme", "bearer")
                                        .put("bearerFormat", "JWT"))
                                .put("apiKey", new JsonObject().put("type", "apiKey").put("in", "header")
                                        .put("name", ApiKeys.HEADER))));
    }

    /**
     * Adds {@code document}'s operations (only those a route of {@code service} takes, when {@code byRoute}) and
     * the schemas they use to {@code merged}, each operation with what the gateway asks and answers on its route.
     */
    private void merge(JsonObject merged, String service, JsonObject document, boolean byRoute) {
        var schemas = merged.getJsonObject("components").getJsonObject("schemas");
        var theirs = document.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
        var renamed = new TreeMap<String, String>();
        theirs.forEach(schema -> {
            var held = schemas.getValue(schema.getKey());
            if (held != null && !held.equals(schema.getValue())) {
                renamed.put(schema.getKey(), service + "." + schema.getKey());
            }
        });
        var named = renamed.isEmpty() ? document : (JsonObject) rename(document, renamed);
        named.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject())
                .forEach(schema -> schemas.put(renamed.getOrDefault(schema.getKey(), schema.getKey()), schema.getValue()));
        var paths = merged.getJsonObject("paths");
        named.getJsonObject("paths", new JsonObject()).forEach(path -> {
            var operations = (JsonObject) path.getValue();
            for (String method : operations.fieldNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                var operation = operations.getJsonObject(method).copy();
                var match = routes.find(sample(path.getKey()), method.toUpperCase(Locale.ROOT));
                if (byRoute && (!(match instanceof RouteTable.Found found)
                        || !found.route().service().orElse("").equals(service))) {
                    continue;
                }
                if (match instanceof RouteTable.Found found) {
                    RouteAnswers.describe(operation, found.route());
                }
                var target = paths.getJsonObject(path.getKey());
                if (target == null) {
                    target = new JsonObject();
                    paths.put(path.getKey(), target);
                }
                target.put(method, operation);
            }
        });
    }

    /** A path the template would match, for asking the route table: each {@code {parameter}} one segment. */
    private static String sample(String template) {
        return template.replaceAll("\\{[^/}]+}", "x");
    }

    /**
     * Removes the schemas no public operation uses, directly or through another schema: a service's document also
     * has those of its endpoints that no route makes public.
     */
    private static void dropUnusedSchemas(JsonObject merged) {
        var schemas = merged.getJsonObject("components").getJsonObject("schemas");
        var used = new TreeSet<String>();
        var unread = new ArrayDeque<Object>(List.of(merged.getJsonObject("paths")));
        while (!unread.isEmpty()) {
            forEachRef(unread.pop(), ref -> {
                String name = ref.startsWith(SCHEMAS) ? ref.substring(SCHEMAS.length()) : null;
                if (name != null && used.add(name) && schemas.containsKey(name)) {
                    unread.push(schemas.getValue(name));
                }
            });
        }
        new ArrayList<>(schemas.fieldNames()).stream().filter(name -> !used.contains(name)).forEach(schemas::remove);
    }

    private static void forEachRef(Object json, Consumer<String> action) {
        if (json instanceof JsonObject object) {
            object.forEach(field -> {
                if (field.getKey().equals("$ref") && field.getValue() instanceof String ref) {
                    action.accept(ref);
                } else {
                    forEachRef(field.getValue(), action);
                }
            });
        } else if (json instanceof JsonArray array) {
            array.forEach(item -> forEachRef(item, action));
        }
    }

    /** A copy of {@code json} with every {@code $ref} to a renamed schema pointing at its new name. */
    private static Object rename(Object json, Map<String, String> renamed) {
        if (json instanceof JsonObject object) {
            var copy = new JsonObject();
            object.forEach(field -> {
                if (field.getKey().equals("$ref") && field.getValue() instanceof String ref && ref.startsWith(SCHEMAS)) {
                    String name = ref.substring(SCHEMAS.length());
                    copy.put("$ref", SCHEMAS + renamed.getOrDefault(name, name));
                } else {
                    copy.put(field.getKey(), rename(field.getValue(), renamed));
                }
            });
            return copy;
        }
        if (json instanceof JsonArray array) {
            List<Object> items = new ArrayList<>();
            array.forEach(item -> items.add(rename(item, renamed)));
            return new JsonArray(items);
        }
        return json;
    }

    private static JsonObject classpathJson(String resource) {
        try (InputStream in = PublicApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new JsonObject(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
