package io.shopflow.gateway.operations;

import io.shopflow.gateway.client.ServiceInstances;
import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.gateway.operations.PrometheusText.Sample;
import io.smallrye.stork.api.ServiceInstance;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * One look at every service the console watches, from each instance's management interface: {@code /q/health} (up or
 * down, and the outbox backlog its health check reports) and {@code /q/metrics} (requests served over HTTP and gRPC,
 * the server errors among them, and the state of every circuit breaker). Requests per second and the error rate
 * are the counters' change since the previous look at the same instance, so the first look has none.
 */
@ApplicationScoped
class PlatformSampler {

    /** gRPC answers that say the server failed, as HTTP's 5xx do (a refusal such as NOT_FOUND is not an error). */
    private static final Set<String> GRPC_SERVER_ERRORS = Set.of("UNKNOWN", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
            "DEADLINE_EXCEEDED");
    private static final String OUTBOX_CHECK = "Outbox backlog";

    private record Answer(int status, Buffer body) {
    }

    /** What one instance said; no health when it could not be reached. */
    private record Reading(String address, Optional<JsonObject> health, List<Sample> metrics) {
    }

    private record Counts(double requests, double errors, long atNanos) {
    }

    /** What an instance served since the previous look. */
    private record Rate(double perSecond, double requests, double errors) {
    }

    private static final Logger LOG = Logger.getLogger(PlatformSampler.class);

    private final ServiceInstances instances;
    private final List<String> services;
    private final long timeoutMillis;
    private final Map<String, Counts> previous = new HashMap<>();

    PlatformSampler(ServiceInstances instances, GatewayConfig config) {
        this.instances = instances;
        this.services = config.console().services();
        this.timeoutMillis = config.console().statusTimeout().toMillis();
    }

    Future<JsonObject> sample() {
        List<Future<JsonObject>> looks = services.stream().map(this::service).toList();
        return Future.join(looks).transform(done -> {
            var array = new JsonArray();
            looks.forEach(look -> array.add(look.result()));
            return Future.succeededFuture(new JsonObject().put("at", Instant.now().toString()).put("services", array));
        });
    }

    private Future<JsonObject> service(String service) {
        return instances.all(service)
                .compose(found -> {
                    List<Future<Reading>> readings = found.stream().map(this::reading).toList();
                    return Future.join(readings).map(done -> summary(service, readings.stream().map(Future::result).toList()));
                })
                .otherwise(failure -> summary(service, List.of()));
    }

    private Future<Reading> reading(ServiceInstance instance) {
        String address = instance.getHost() + ":" + instance.getPort();
        Future<Optional<JsonObject>> health = get(instance, "/q/health", "application/json")
                .map(answer -> Optional.of(answer.body().toJsonObject()))
                .otherwise(failure -> {
                    LOG.debugf("No health from %s: %s", address, failure.toString());
                    return Optional.empty();
                });
        Future<List<Sample>> metrics = get(instance, "/q/metrics", "text/plain")
                .map(answer -> answer.status() == 200 ? PrometheusText.samples(answer.body().toString()) : List.<Sample>of())
                .otherwise(List.of());
        return Future.join(health, metrics).transform(done ->
                Future.succeededFuture(new Reading(address, health.result(), metrics.result())));
    }

    private Future<Answer> get(ServiceInstance instance, String path, String accept) {
        return instances.client().request(new RequestOptions().setMethod(HttpMethod.GET).setHost(instance.getHost())
                        .setPort(instances.managementPort(instance)).setURI(path).putHeader(HttpHeaders.ACCEPT, accept)
                        .setTimeout(timeoutMillis))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)));
    }

    private JsonObject summary(String service, List<Reading> readings) {
        var reached = readings.stream().filter(reading -> reading.health().isPresent()).toList();
        boolean allUp = reached.size() == readings.size()
                && reached.stream().allMatch(reading -> "UP".equals(reading.health().get().getString("status")));
        String health = reached.isEmpty() ? "UNREACHABLE" : allUp ? "UP" : "DOWN";
        Double requestsPerSecond = null;
        Double errorRate = null;
        double requests = 0;
        double errors = 0;
        for (Reading reading : reached) {
            var rate = rate(service + "@" + reading.address(), reading.metrics());
            if (rate.isPresent()) {
                requestsPerSecond = (requestsPerSecond == null ? 0 : requestsPerSecond) + rate.get().perSecond();
                requests += rate.get().requests();
                errors += rate.get().errors();
            }
        }
        if (requestsPerSecond != null) {
            errorRate = requests == 0 ? 0.0 : errors / requests;
        }
        forgetAllBut(service, readings.stream().map(Reading::address).toList());
        return new JsonObject()
                .put("name", service)
                .put("health", health)
                .put("instances", readings.size())
                .put("requestsPerSecond", requestsPerSecond)
                .put("errorRate", errorRate)
                .put("breakers", breakers(reached))
                .put("outbox", outbox(reached));
    }

    /** What the instance served since the previous look at it; nothing on the first. */
    private synchronized Optional<Rate> rate(String instance, List<Sample> metrics) {
        double requests = 0;
        double errors = 0;
        for (Sample sample : metrics) {
            if (sample.name().equals("http_server_requests_seconds_count")
                    && !sample.labels().getOrDefault("uri", "").startsWith("/q/")) {
                requests += sample.value();
                errors += sample.labels().getOrDefault("status", "").startsWith("5") ? sample.value() : 0;
            } else if (sample.name().equals("grpc_server_processing_duration_seconds_count")) {
                requests += sample.value();
                errors += GRPC_SERVER_ERRORS.contains(sample.labels().get("statusCode")) ? sample.value() : 0;
            }
        }
        var now = new Counts(requests, errors, System.nanoTime());
        var before = previous.put(instance, now);
        if (before == null || now.requests() < before.requests()) {
            return Optional.empty(); // first look, or the instance restarted and its counters began again
        }
        double seconds = (now.atNanos() - before.atNanos()) / 1e9;
        double newRequests = now.requests() - before.requests();
        return Optional.of(new Rate(seconds > 0 ? newRequests / seconds : 0, newRequests, now.errors() - before.errors()));
    }

    /** Drops the counts of the service's instances that are gone (pods replaced over days would pile up). */
    private synchronized void forgetAllBut(String service, List<String> addresses) {
        previous.keySet().removeIf(instance -> instance.startsWith(service + "@")
                && !addresses.contains(instance.substring(service.length() + 1)));
    }

    /** Each breaker (the guarded method, by class and method name) in the worst state any instance reports. */
    private static JsonArray breakers(List<Reading> readings) {
        var states = new TreeMap<String, String>();
        for (Reading reading : readings) {
            for (Sample sample : reading.metrics()) {
                if (sample.name().equals("ft_circuitbreaker_state_current") && sample.value() == 1) {
                    String method = shortName(sample.labels().getOrDefault("method", "?"));
                    String state = switch (sample.labels().getOrDefault("state", "")) {
                        case "open" -> "open";
                        case "halfOpen" -> "half-open";
                        default -> "closed";
                    };
                    states.merge(method, state, PlatformSampler::worse);
                }
            }
        }
        var array = new JsonArray();
        states.forEach((name, state) -> array.add(new JsonObject().put("name", name).put("state", state)));
        return array;
    }

    private static String worse(String a, String b) {
        List<String> order = List.of("closed", "half-open", "open");
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    /** {@code io.shopflow.order.client.UserDirectoryClient.getUsers} -> {@code UserDirectoryClient.getUsers}. */
    private static String shortName(String method) {
        int last = method.lastIndexOf('.');
        int before = last > 0 ? method.lastIndexOf('.', last - 1) : -1;
        return method.substring(before + 1);
    }

    /** The outbox backlog the services' health checks report, summed over instances; null for a service without one. */
    private static JsonObject outbox(List<Reading> readings) {
        JsonObject total = null;
        for (Reading reading : readings) {
            var checks = reading.health().get().getJsonArray("checks", new JsonArray());
            for (Object check : checks) {
                var object = (JsonObject) check;
                if (OUTBOX_CHECK.equals(object.getString("name"))) {
                    var data = object.getJsonObject("data", new JsonObject());
                    long events = data.getLong("events", 0L) + (total == null ? 0 : total.getLong("events"));
                    long oldest = Math.max(data.getLong("oldestAgeSeconds", 0L),
                            total == null ? 0 : total.getLong("oldestAgeSeconds"));
                    total = new JsonObject().put("events", events).put("oldestAgeSeconds", oldest);
                }
            }
        }
        return total;
    }
}
