package io.shopflow.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code shopflow.gateway.*}: the public routes and how the gateway treats what it forwards. */
@ConfigMapping(prefix = "shopflow.gateway")
public interface GatewayConfig {

    /** The routes by name; a request takes the route with the longest matching path prefix. */
    Map<String, Route> routes();

    /** {@code Retry-After} on a 503 when a route's service has no instance that answers. */
    @WithDefault("5s")
    Duration retryAfter();

    /**
     * Open HTTP/1.1 connections kept to each instance: requests beyond this many at once wait for one to free up
     * (Vert.x's default of 5 made the gateway a queue under load).
     */
    @WithDefault("64")
    int connectionsPerInstance();

    /** How long to wait for a connection to an instance before calling it unreachable. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long the gateway waits for a service's own OpenAPI document when it makes the public one (a service's
     * first answer may take a while: the document is written on first request).
     */
    @WithDefault("5s")
    Duration publicApiTimeout();

    /**
     * How far above an instance's HTTP port its management interface listens (health, metrics, its own OpenAPI
     * document): the platform's port scheme, decision 0006.
     */
    int managementPortOffset();

    /** Rate-limit policies by name: what they count by, how many requests, per how long. */
    Map<String, RateLimit> rateLimits();

    /** The policies a route applies when it names none. */
    List<String> defaultRateLimits();

    /** Where the rate-limit buckets are kept. */
    RateLimitStore rateLimitStore();

    interface RateLimitStore {
        /** {@code memory}: each gateway replica counts alone; {@code redis}: all replicas share one count. */
        @WithDefault("memory")
        StoreKind kind();

        @WithDefault("redis://localhost:6379")
        String redisUrl();

        /** Prefix of the buckets' Redis keys, so that several platforms (or test runs) can share one Redis. */
        @WithDefault("shopflow:rate-limits")
        String namespace();

        /**
         * How long a request waits for Redis before it is counted in this replica's own buckets instead: a slow or
         * lost Redis loosens the limits for a while, it never stops the traffic.
         */
        @WithDefault("200ms")
        Duration timeout();

        /** How long a connection attempt may take; the gateway's start waits this long for the first one. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** How long to wait before trying again to reach a Redis that could not be reached. */
        @WithDefault("5s")
        Duration reconnectAfter();
    }

    enum StoreKind {
        MEMORY,
        REDIS
    }

    interface RateLimit {
        /** Whose requests share one bucket. */
        RateLimitKey per();

        /** Requests allowed per period; also the burst, since a bucket starts full. */
        long limit();

        Duration period();
    }

    /** What a rate-limit bucket belongs to. */
    enum RateLimitKey {
        /** The authenticated caller (token subject or API client); anonymous requests are not counted. */
        USER,
        /** The client's address as the gateway sees it. */
        IP,
        /** The route, whoever calls it. */
        ROUTE
    }

    /** The gateway's own gRPC questions to the services (an order's owner, a user, stock). */
    Lookups lookups();

    interface Lookups {
        /**
         * How long one attempt at a question may take: a gRPC question's deadline, which the server sees too (its
         * retries and their limits are fault-tolerance settings of {@link io.shopflow.gateway.client.ServiceQueryClient}), and the timeout of
         * the one request for an order's shipment.
         */
        @WithDefault("500ms")
        Duration deadline();

        /** The Stork service asked over HTTP for an order's shipment (it has no gRPC API). */
        @WithDefault("shipping-service")
        String shippingService();
    }

    /** The checks {@code checks=order-placement} makes before an order is forwarded. */
    OrderChecks orderChecks();

    interface OrderChecks {
        /** What a placement gets when the user or stock cannot be checked in time. */
        @WithDefault("accept")
        WhenUnavailable whenUnavailable();
    }

    enum WhenUnavailable {
        /** Forward the order unchecked: order-service and the saga check again and cancel it if need be. */
        ACCEPT,
        /** Answer 503 with Retry-After: nothing is placed that was not checked. */
        REJECT
    }

    /** What the gateway checks in a request's body before forwarding it. */
    enum Check {
        /**
         * {@code POST /api/v1/orders}: the body's {@code userId} is the caller's (or the caller an admin), the user
         * exists (404 unknown-user otherwise) and the stock is there (409 otherwise, 404 unknown-product for a sku
         * that does not exist), asked over gRPC.
         */
        ORDER_PLACEMENT
    }

    /** Answers the gateway composes itself from several services instead of forwarding. */
    enum View {
        /** {@code GET /api/v1/orders/{id}/details}: the order, its user and its shipment, marked partial if one is missing. */
        ORDER_DETAILS,
        /** {@code GET /api/v1/orders/live}: server-sent events, each order as its status changes (order-service's stream). */
        ORDER_STREAM,
        /** {@code GET /api/v1/platform/status}: server-sent events, every service's health, traffic, breakers, outbox. */
        PLATFORM_STATUS
    }

    /** The web console (/console/) and the live views it reads. */
    Console console();

    interface Console {
        /** Jaeger's UI, for links from an order to its trace; none when unset. */
        Optional<String> jaegerUrl();

        /** How often the platform status is sampled and sent. */
        @WithDefault("2s")
        Duration statusEvery();

        /** How long a status sample waits for a service's health and metrics before calling it unreachable. */
        @WithDefault("1s")
        Duration statusTimeout();

        /** A comment line sent this often on an idle event stream, so that proxies do not close it. */
        @WithDefault("15s")
        Duration keepaliveEvery();

        /** The services the platform status reports, each a Stork service of this gateway's; the gateway itself too. */
        List<String> services();
    }

    /** Machine clients by name, each with its API key's hash and its permissions. */
    Map<String, ApiClient> apiKeys();

    interface ApiClient {
        /** SHA-256 of the key, in hex: the gateway never holds the key itself. */
        String sha256();

        /** What the client may do, as a token's permissions would say. */
        Optional<Set<String>> permissions();

        /**
         * The rate-limit policy ({@code per=user}) that counts this client's requests in place of the routes'
         * per-user ones, e.g. to allow a partner's integration more than a person; the routes' own when unset.
         */
        Optional<String> rateLimit();
    }

    /** Bearer tokens remembered once verified ({@link io.shopflow.gateway.security.VerifiedTokens}). */
    VerifiedTokenCache verifiedTokens();

    interface VerifiedTokenCache {
        /** The longest a verified token is honoured without a new check (never past its own expiry). */
        @WithDefault("5m")
        Duration ttl();

        @WithDefault("10000")
        long maxSize();
    }

    /** Tokens for development and tests, minted by the gateway itself ({@code POST /dev/tokens}). */
    DevTokens devTokens();

    interface DevTokens {
        /** Off unless asked for: whoever can mint tokens can act as anyone. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("1h")
        Duration lifetime();
    }

    /**
     * Who may reach a route: the one rule every route declares (no default, so a route that declares none stops the
     * gateway's start). docs/decisions/0005-access-control.md.
     */
    enum Access {
        /** Anyone, without credentials (credentials sent anyway must still be valid). */
        PUBLIC,
        /** A caller (bearer token or API key) holding {@link Route#permission()}. */
        PERMISSION,
        /**
         * A caller who owns the resource ({@link Route#owner()}) or holds {@link Route#adminPermission()}; and
         * {@link Route#permission()} too, when the route names one.
         */
        OWNER
    }

    interface Route {

        /**
         * Path prefix, matched on whole segments: {@code /api/v1/orders} takes {@code /api/v1/orders/42}; a trailing
         * slash takes only paths below it, and a {@code *} segment stands for any one segment.
         */
        String pathPrefix();

        /** The methods the route accepts; any when unset. Others are answered 405. */
        Optional<Set<String>> methods();

        /** Who may reach the route; every route says it. */
        Access access();

        /**
         * The permission (a value of the token's permissions claim, or of an API client's permissions) the caller
         * needs: required with {@code access=permission}, optional with {@code access=owner}.
         */
        Optional<String> permission();

        /**
         * Whose resource a request is about, when only its owner may use it: {@code path} (the first segment after
         * the prefix, or the one a {@code *} stands for, as in {@code /api/v1/users/{id}}), {@code query:<name>} (a
         * query parameter, as in {@code ?userId=}) or {@code order} (the path names an order where {@code path}
         * would name its owner, as in {@code /api/v1/orders/{id}}; the owner is the order's user, asked of
         * order-service), {@code body} (the body names the owner, as {@code userId} in {@code POST /api/v1/orders};
         * checked by {@link #checks()}) or {@code object} (only the service knows the owner of the object it loads,
         * as a payment's: the service checks it against the caller the gateway passes, {@code io.shopflow.callers}).
         * The caller must be that owner or hold {@link #adminPermission()}. Required with {@code access=owner}.
         */
        Optional<String> owner();

        /**
         * The permission that lets a caller act on anyone's resources on this route ({@code access=owner}); the
         * service learns it from {@code X-Caller-Admin}.
         */
        Optional<String> adminPermission();

        /** The rate-limit policies ({@code shopflow.gateway.rate-limits.<name>}) the route applies; the defaults when unset. */
        Optional<List<String>> rateLimits();

        /** The Stork service whose instances serve the route ({@code quarkus.stork.<service>.*}); or a {@link #view()}. */
        Optional<String> service();

        /**
         * What the service is asked for in place of {@link #pathPrefix()}, e.g. {@code /admin/} for
         * {@code /api/v1/admin/payment-provider/}: the service's own paths, published under the public API's. The
         * path is forwarded unchanged when unset.
         */
        Optional<String> servicePathPrefix();

        /** Answered by the gateway itself, composed from several services, instead of forwarded to one. */
        Optional<View> view();

        /** What the gateway checks in the body before forwarding; nothing when unset. */
        Optional<Check> checks();

        /**
         * The route that serves the next version of this one's resources, e.g. {@code order-v2} for {@code order}:
         * a request asking for {@link #successorMediaType()} is served by it (header versioning), and this route's
         * answers point at it ({@code Link: <...>; rel="successor-version"}).
         */
        Optional<String> successor();

        /** The media type that asks for the successor's version of a resource. */
        @WithDefault("application/vnd.platform.v2+json")
        String successorMediaType();

        /** Since when the route is deprecated: its answers say so ({@code Deprecation}, RFC 9745). */
        Optional<Instant> deprecatedSince();

        /** When the route will stop answering ({@code Sunset}, RFC 8594). */
        Optional<Instant> sunset();

        /** The longest the service may stay silent while answering before the gateway answers 504. */
        @WithDefault("10s")
        Duration timeout();
    }
}
