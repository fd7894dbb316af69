package io.shopflow.gateway;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.shopflow.gateway.GatewayConfig.Authentication;
import io.shopflow.problems.Problem;
import io.smallrye.stork.Stork;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Forwards each request under a route's path prefix to an instance of the route's service, with Vert.x's reverse
 * proxy: bodies stream both ways (nothing is buffered whole), hop-by-hop headers stay on their hop. Instances are
 * picked by Stork with the service's configured load balancer ({@code quarkus.stork.<service>.load-balancer.type}).
 * Before that, the caller is authenticated (bearer token or API key), checked against the route's permission and
 * counted against its rate limits ({@link RateLimits}); the service learns who called from {@link CallerHeaders}. Requests under {@code /api/} that no route takes are answered 404,
 * a method no route takes 405; {@link Forwarding} answers for a service that cannot be reached.
 */
@ApplicationScoped
class GatewayProxy {

    private static final String PUBLIC_PATHS = "/api/";
    /** Takes the place of Quarkus' failure handler (an empty 401): {@link #refuse} answers with a problem. */
    private static final BiConsumer<RoutingContext, Throwable> ANSWERED_BELOW = (request, failure) -> { };

    private final GatewayConfig config;
    private final RouteTable routes;
    private final Problems problems;
    private final Vertx vertx;
    private final Forwarding forwarding;
    private final RateLimits rateLimits;

    GatewayProxy(GatewayConfig config, Problems problems, Vertx vertx, Forwarding forwarding, RateLimits rateLimits) {
        this.config = config;
        this.rateLimits = rateLimits;
        this.routes = RouteTable.of(config);
        this.problems = problems;
        this.vertx = vertx;
        this.forwarding = forwarding;
    }

    void mount(@Observes StartupEvent start, Router router) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.connectionsPerInstance()));
        Map<String, HttpProxy> proxies = routes.routes().stream().collect(Collectors.toMap(RouteTable.Route::name,
                route -> HttpProxy.reverseProxy(client)
                        .origin(context -> origin(route, client))
                        .addInterceptor(forwarding)));
        router.route().handler(request -> route(request, proxies));
    }

    private void route(RoutingContext request, Map<String, HttpProxy> proxies) {
        String path = request.normalizedPath();
        var match = routes.find(path, request.request().method().name());
        if (match instanceof RouteTable.Found found) {
            // The body waits while the caller is authenticated (token checks may run on a worker thread); the
            // proxy reads it on, back on the request's own context.
            request.request().pause();
            request.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, ANSWERED_BELOW);
            Context requestContext = Vertx.currentContext();
            QuarkusHttpUser.getSecurityIdentity(request, null)
                    .emitOn(task -> requestContext.runOnContext(ignored -> task.run()))
                    .subscribe().with(
                    identity -> admit(request, found.route(), identity, proxies.get(found.route().name())),
                    failure -> refuse(request, failure));
        } else if (match instanceof RouteTable.MethodNotAllowed notAllowed) {
            request.response().putHeader(HttpHeaders.ALLOW, String.join(", ", notAllowed.allowed()));
            problems.answer(request, Problem.of("method-not-allowed", "Method not allowed", 405,
                    request.request().method().name() + " is not allowed on " + path, path));
        } else if (path.startsWith(PUBLIC_PATHS)) {
            problems.answer(request, Problem.of(Problem.NOT_FOUND, "No such resource", 404,
                    "Nothing is served at " + path, path));
        } else {
            request.next();
        }
    }

    private void admit(RoutingContext request, RouteTable.Route route, SecurityIdentity identity, HttpProxy proxy) {
        boolean anonymous = identity == null || identity.isAnonymous();
        if (anonymous && route.authentication() == Authentication.REQUIRED) {
            problems.unauthenticated(request, "This resource needs a bearer token");
            return;
        }
        var missing = route.permission().filter(permission -> anonymous || !identity.hasRole(permission));
        if (missing.isPresent()) {
            problems.answer(request, Problem.of("forbidden", "Forbidden", 403,
                    "This needs the permission '" + missing.get() + "'", request.normalizedPath()));
            return;
        }
        if (!mayUseResource(request, route, anonymous ? null : identity)) {
            problems.answer(request, Problem.of("forbidden", "Forbidden", 403,
                    "Only its owner or an admin may use this resource", request.normalizedPath()));
            return;
        }
        Context requestContext = Vertx.currentContext();
        var verdict = rateLimits.admit(route, anonymous ? null : identity.getPrincipal().getName(),
                request.request().remoteAddress().hostAddress());
        Future.fromCompletionStage(verdict, requestContext).onFailure(request::fail).onSuccess(counted -> {
            counted.describe(request.response());
            if (counted.allowed()) {
                CallerHeaders.replace(request.request().headers(), anonymous ? null : identity);
                proxy.handle(request.request());
            } else {
                problems.answer(request, Problem.of("rate-limited", "Too many requests", 429, "Too many requests; "
                        + "try again after " + request.response().headers().get("Retry-After") + " s",
                        request.normalizedPath()));
            }
        });
    }

    /** Whether the route lets {@code caller} (null when anonymous) at the resource, by its {@link Ownership}. */
    private static boolean mayUseResource(RoutingContext request, RouteTable.Route route, SecurityIdentity caller) {
        if (route.ownership().isEmpty()) {
            return true;
        }
        if (caller == null) {
            return false;
        }
        if (route.adminPermission().filter(caller::hasRole).isPresent()) {
            return true;
        }
        return route.ownership().get().ownerOf(request.request(), request.normalizedPath(), route.pathPrefix())
                .filter(owner -> owner.equals(caller.getPrincipal().getName())).isPresent();
    }

    private void refuse(RoutingContext request, Throwable failure) {
        if (failure instanceof AuthenticationFailedException) {
            problems.unauthenticated(request, "The credentials are not valid (a bearer token's signature, issuer, "
                    + "audience or expiry, or an unknown API key)");
        } else {
            request.fail(failure);
        }
    }

    private Future<HttpClientRequest> origin(RouteTable.Route route, HttpClient client) {
        var selected = Stork.getInstance().getService(route.service()).selectInstance().subscribeAsCompletionStage();
        return Future.fromCompletionStage(selected, vertx.getOrCreateContext())
                .compose(instance -> client.request(new RequestOptions()
                        .setHost(instance.getHost())
                        .setPort(instance.getPort())
                        .setIdleTimeout(route.timeout().toMillis())));
    }
}
