package io.shopflow.gateway;

import io.quarkus.runtime.StartupEvent;
import io.shopflow.problems.Problem;
import io.smallrye.stork.Stork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Forwards each request under a route's path prefix to an instance of the route's service, with Vert.x's reverse
 * proxy: bodies stream both ways (nothing is buffered whole), hop-by-hop headers stay on their hop. Instances are
 * picked by Stork with the service's configured load balancer ({@code quarkus.stork.<service>.load-balancer.type}).
 * Requests under {@code /api/} that no route takes are answered 404, a method the route does not take 405; an
 * unreachable service 503 with {@code Retry-After}, a service silent for longer than the route's timeout 504.
 */
@ApplicationScoped
class GatewayProxy {

    private static final String PUBLIC_PATHS = "/api/";

    private final GatewayConfig config;
    private final RouteTable routes;
    private final Problems problems;
    private final Vertx vertx;
    private final Forwarding forwarding;

    GatewayProxy(GatewayConfig config, Problems problems, Vertx vertx, Forwarding forwarding) {
        this.config = config;
        this.forwarding = forwarding;
        this.routes = RouteTable.of(config);
        this.problems = problems;
        this.vertx = vertx;
    }

    void mount(@Observes StartupEvent start, Router router) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()));
        Map<String, HttpProxy> proxies = routes.routes().stream().collect(Collectors.toMap(RouteTable.Route::name,
                route -> HttpProxy.reverseProxy(client)
                        .origin(context -> origin(route, client))
                        .addInterceptor(forwarding)));
        router.route().handler(request -> forward(request, proxies));
    }

    private void forward(RoutingContext request, Map<String, HttpProxy> proxies) {
        String path = request.normalizedPath();
        var route = routes.find(path);
        if (route.isEmpty()) {
            if (path.startsWith(PUBLIC_PATHS)) {
                answer(request.response(), Problem.of(Problem.NOT_FOUND, "No such resource", 404,
                        "Nothing is served at " + path, path));
            } else {
                request.next();
            }
            return;
        }
        if (!route.get().accepts(request.request().method().name())) {
            request.response().putHeader(HttpHeaders.ALLOW, String.join(", ", route.get().methods()));
            answer(request.response(), Problem.of("method-not-allowed", "Method not allowed", 405,
                    request.request().method().name() + " is not allowed on " + path, path));
            return;
        }
        proxies.get(route.get().name()).handle(request.request());
    }

    private Future<HttpClientRequest> origin(RouteTable.Route route, HttpClient client) {
        var selected = Stork.getInstance().getService(route.service()).selectInstance().subscribeAsCompletionStage();
        return Future.fromCompletionStage(selected, vertx.getOrCreateContext())
                .compose(instance -> client.request(new RequestOptions()
                        .setHost(instance.getHost())
                        .setPort(instance.getPort())
                        .setIdleTimeout(route.timeout().toMillis())));
    }

    private void answer(HttpServerResponse response, Problem problem) {
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problems.body(problem));
    }
}
