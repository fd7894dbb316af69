package io.shopflow.gateway.edge;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.semconv.HttpAttributes;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.shopflow.gateway.api.OrderDetailsView;
import io.shopflow.gateway.api.OrderPlacementChecks;
import io.shopflow.gateway.api.OrderStreamView;
import io.shopflow.gateway.api.Problems;
import io.shopflow.gateway.client.GatewayLookups;
import io.shopflow.gateway.client.ServiceInstances;
import io.shopflow.gateway.config.GatewayConfig.Access;
import io.shopflow.gateway.config.GatewayConfig.Check;
import io.shopflow.gateway.config.GatewayConfig.View;
import io.shopflow.gateway.operations.PlatformStatusView;
import io.shopflow.gateway.ratelimit.RateLimits;
import io.shopflow.gateway.route.Ownership;
import io.shopflow.gateway.route.RouteTable;
import io.shopflow.gateway.route.Versioning;
import io.shopflow.gateway.security.CallerHeaders;
import io.shopflow.problems.Problem;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
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
 * The gateway's front door. A request under a route's path prefix is authenticated (bearer token or API key,
 * lazily), checked against the route's permission and {@link Ownership}, counted against its {@link RateLimits},
 * and then forwarded with Vert.x's reverse proxy to an instance of the route's service ({@link ServiceInstances}):
 * bodies stream both ways (nothing is buffered whole, except an order the gateway checks first, see
 * {@link OrderPlacementChecks}), hop-by-hop headers stay on their hop, and the service learns who called from
 * {@link CallerHeaders}. A route with a view is answered by the gateway itself ({@link OrderDetailsView},
 * {@link OrderStreamView}, {@link PlatformStatusView}); one with a successor serves the next version to whoever
 * asks for it by media type ({@link Versioning}). Requests under {@code /api/} that no route takes are answered
 * 404, a method no route takes 405; {@link Forwarding} answers for a service that cannot be reached.
 */
@ApplicationScoped
class GatewayProxy {

    private static final String PUBLIC_PATHS = "/api/";
    /** Where Quarkus' HTTP metrics look for a request's path template. */
    private static final String URL_TEMPLATE = "UrlPathTemplate";
    /** Takes the place of Quarkus' failure handler (an empty 401): {@link #refuse} answers with a problem. */
    private static final BiConsumer<RoutingContext, Throwable> ANSWERED_BELOW = (request, failure) -> { };

    /** What {@link Ownership} says about a caller and the resource a request names. */
    private enum Verdict { ALLOWED, FORBIDDEN, NO_SUCH_RESOURCE }

    private final RouteTable routes;
    private final Problems problems;
    private final ServiceInstances instances;
    private final Forwarding forwarding;
    private final RateLimits rateLimits;
    private final GatewayLookups lookups;
    private final OrderPlacementChecks orderChecks;
    private final OrderDetailsView orderDetails;
    private final OrderStreamView orderStream;
    private final PlatformStatusView platformStatus;

    GatewayProxy(RouteTable routes, Problems problems, ServiceInstances instances, Forwarding forwarding,
                 RateLimits rateLimits, GatewayLookups lookups, OrderPlacementChecks orderChecks,
                 OrderDetailsView orderDetails, OrderStreamView orderStream, PlatformStatusView platformStatus) {
        this.routes = routes;
        this.problems = problems;
        this.instances = instances;
        this.forwarding = forwarding;
        this.rateLimits = rateLimits;
        this.lookups = lookups;
        this.orderChecks = orderChecks;
        this.orderDetails = orderDetails;
        this.orderStream = orderStream;
        this.platformStatus = platformStatus;
    }

    void mount(@Observes StartupEvent start, Router router) {
        Map<String, HttpProxy> proxies = routes.routes().stream().filter(route -> route.service().isPresent())
                .collect(Collectors.toMap(RouteTable.Route::name, this::proxy));
        router.route().handler(request -> route(request, proxies));
    }

    private HttpProxy proxy(RouteTable.Route route) {
        var proxy = HttpProxy.reverseProxy(instances.client())
                .origin(context -> instances.request(route.service().orElseThrow(),
                        new RequestOptions().setIdleTimeout(route.timeout().toMillis())))
                .addInterceptor(forwarding);
        route.servicePathPrefix().ifPresent(servicePrefix ->
                proxy.addInterceptor(new ServicePathRewrite(route.pathPrefix(), servicePrefix)));
        route.checks().filter(Check.ORDER_PLACEMENT::equals).ifPresent(check -> proxy.addInterceptor(orderChecks));
        return proxy;
    }

    private void route(RoutingContext request, Map<String, HttpProxy> proxies) {
        String path = request.normalizedPath();
        var match = routes.find(path, request.request().method().name());
        if (match instanceof RouteTable.Found found) {
            nameByRoute(request, found.route());
            var successor = found.route().versioning()
                    .flatMap(versioning -> versioning.successorUri(request.request(), path));
            if (successor.isPresent()) {
                request.reroute(successor.get()); // header versioning: served as the successor's URL would be
                return;
            }
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

    /**
     * Names the request by its route in its trace span and its HTTP metrics, which would otherwise say "/" (the
     * gateway's one catch-all handler) or, for metrics, every distinct path (ids and all: tags without bound).
     */
    private static void nameByRoute(RoutingContext request, RouteTable.Route route) {
        Span.current().updateName(request.request().method().name() + " " + route.pathPrefix())
                .setAttribute(HttpAttributes.HTTP_ROUTE, route.pathPrefix())
                .setAttribute("shopflow.gateway.route", route.name());
        ContextLocals.put(URL_TEMPLATE, route.pathPrefix());
    }

    private void admit(RoutingContext request, RouteTable.Route route, SecurityIdentity identity, HttpProxy proxy) {
        var caller = identity == null || identity.isAnonymous() ? null : identity;
        if (caller == null && route.access() != Access.PUBLIC) {
            problems.unauthenticated(request, "This resource needs a bearer token");
            return;
        }
        var missing = route.permission().filter(permission -> caller == null || !caller.hasRole(permission));
        if (missing.isPresent()) {
            problems.forbidden(request, "This needs the permission '" + missing.get() + "'");
            return;
        }
        access(request, route, caller)
                .onFailure(unavailable -> problems.unavailable(request,
                        "Whose resource this is cannot be checked right now; try again later"))
                .onSuccess(verdict -> {
                    switch (verdict) {
                        case FORBIDDEN -> problems.forbidden(request, "Only its owner or an admin may use this resource");
                        case NO_SUCH_RESOURCE -> problems.answer(request, Problem.of(Problem.NOT_FOUND,
                                "No such resource", 404, "Nothing is served at " + request.normalizedPath(),
                                request.normalizedPath()));
                        case ALLOWED -> count(request, route, caller, proxy);
                    }
                });
    }

    /**
     * Whether the route lets {@code caller} (null when anonymous) at the resource, by its {@link Ownership}; an owner
     * in the body or the object is checked further on, by the route's checks or by the service.
     */
    private Future<Verdict> access(RoutingContext request, RouteTable.Route route, SecurityIdentity caller) {
        if (route.ownership().isEmpty() || route.ownership().get().checkedBeyondTheRequestLine()) {
            return Future.succeededFuture(Verdict.ALLOWED);
        }
        if (caller == null) {
            return Future.succeededFuture(Verdict.FORBIDDEN);
        }
        if (route.adminPermission().filter(caller::hasRole).isPresent()) {
            return Future.succeededFuture(Verdict.ALLOWED);
        }
        var ownership = route.ownership().get();
        String me = caller.getPrincipal().getName();
        var named = ownership.named(request.request(), request.normalizedPath(), route.pathPrefix());
        if (named.isEmpty()) {
            return Future.succeededFuture(Verdict.FORBIDDEN);
        }
        if (!ownership.throughOrder()) {
            return Future.succeededFuture(named.get().equals(me) ? Verdict.ALLOWED : Verdict.FORBIDDEN);
        }
        return lookups.order(named.get()).map(order -> order
                .map(found -> found.getUserId().equals(me) ? Verdict.ALLOWED : Verdict.FORBIDDEN)
                .orElse(Verdict.NO_SUCH_RESOURCE));
    }

    private void count(RoutingContext request, RouteTable.Route route, SecurityIdentity caller, HttpProxy proxy) {
        var verdict = rateLimits.admit(route, caller == null ? null : caller.getPrincipal().getName(),
                request.request().remoteAddress().hostAddress());
        Future.fromCompletionStage(verdict, Vertx.currentContext()).onFailure(request::fail).onSuccess(counted -> {
            counted.describe(request.response());
            route.versioning().ifPresent(versioning -> versioning.describe(request.response(), request.normalizedPath()));
            if (!counted.allowed()) {
                problems.answer(request, Problem.of("rate-limited", "Too many requests", 429, "Too many requests; "
                        + "try again after " + request.response().headers().get("Retry-After") + " s",
                        request.normalizedPath()));
            } else if (route.view().isPresent()) {
                answerItself(request, route, route.view().get(), caller);
            } else {
                CallerHeaders.replace(request.request().headers(), caller, route);
                proxy.handle(request.request());
            }
        });
    }

    private void answerItself(RoutingContext request, RouteTable.Route route, View view, SecurityIdentity caller) {
        switch (view) {
            case ORDER_DETAILS -> orderDetails.answer(request, Ownership.segmentAt(request.normalizedPath(),
                    route.pathPrefix()).orElseThrow(), CallerHeaders.of(caller, route));
            case ORDER_STREAM -> orderStream.answer(request);
            case PLATFORM_STATUS -> platformStatus.answer(request);
        }
    }

    private void refuse(RoutingContext request, Throwable failure) {
        if (failure instanceof AuthenticationFailedException) {
            problems.unauthenticated(request, "The credentials are not valid (a bearer token's signature, issuer, "
                    + "audience or expiry, or an unknown API key)");
        } else {
            request.fail(failure);
        }
    }
}
