package io.shopflow.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.AsyncBucketProxyAdapter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.shopflow.gateway.config.GatewayConfig.RateLimitKey;
import io.shopflow.gateway.config.GatewayConfig.StoreKind;
import io.shopflow.gateway.config.GatewayConfig;
import io.shopflow.gateway.route.RouteTable;
import io.shopflow.gateway.security.ApiKeys;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rate limits of seed 004 (per user per minute, per client address per second, per route per hour, or any
 * other mix configured as {@code shopflow.gateway.rate-limits.<name>}, see {@link RateLimitPolicy}). A request
 * must fit every policy of its route, and is counted by all of them only when it does (see {@link #verdict}). An API client may have a
 * per-user policy of its own, which then counts its requests in place of the routes' per-user ones.
 *
 * <p>Buckets live in this process (one replica's view; one unused for a period is dropped, which is the same as
 * full) or, with {@code shopflow.gateway.rate-limit-store.kind=redis}, in Redis, shared by all replicas
 * ({@link RedisBuckets}). A Redis that does not answer in time is counted as unavailable and the request is
 * counted here instead: limits loosen while it is away, traffic never waits on it.
 */
@Startup // made at start, where waiting for Redis' first answer holds no request up
@ApplicationScoped
public class RateLimits {

    /** What the limits say about one request, and the headers that tell the client (the tightest policy's). */
    public record Verdict(boolean allowed, long limit, long remaining, Duration reset, Duration retryAfter) {

        static final Verdict UNLIMITED = new Verdict(true, -1, -1, Duration.ZERO, Duration.ZERO);

        public void describe(HttpServerResponse response) {
            if (limit < 0) {
                return;
            }
            response.putHeader("RateLimit-Limit", Long.toString(limit))
                    .putHeader("RateLimit-Remaining", Long.toString(remaining))
                    .putHeader("RateLimit-Reset", Long.toString(seconds(reset)));
            if (!allowed) {
                response.putHeader("Retry-After", Long.toString(Math.max(1, seconds(retryAfter))));
            }
        }

        private static long seconds(Duration duration) {
            return (duration.toMillis() + 999) / 1000;
        }
    }

    private record BucketKey(RateLimitPolicy policy, String key) {
    }

    private final Map<String, RateLimitPolicy> policies;
    /** API clients' own per-user policies, by caller name. */
    private final Map<String, RateLimitPolicy> clientPolicies;
    private final List<String> defaults;
    private final Cache<BucketKey, AsyncBucketProxy> local = Caffeine.newBuilder()
            .expireAfter(Expiry.accessing((BucketKey key, AsyncBucketProxy bucket) -> key.policy().period()))
            .build();
    private final Optional<RedisBuckets> shared;
    private final long sharedTimeoutNanos;
    private final Map<String, Counter> rejections;
    private final Counter sharedUnavailable;

    RateLimits(GatewayConfig config, MeterRegistry registry) {
        this.policies = config.rateLimits().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> new RateLimitPolicy(entry.getKey(), entry.getValue().per(), entry.getValue().limit(),
                        entry.getValue().period())));
        this.defaults = List.copyOf(config.defaultRateLimits());
        config.routes().forEach((route, settings) -> settings.rateLimits().orElse(defaults).forEach(name -> {
            if (!policies.containsKey(name)) {
                throw new IllegalArgumentException("shopflow.gateway.routes." + route + " names the rate limit '" + name
                        + "', which shopflow.gateway.rate-limits does not define");
            }
        }));
        this.clientPolicies = config.apiKeys().entrySet().stream().filter(client -> client.getValue().rateLimit().isPresent())
                .collect(Collectors.toMap(client -> ApiKeys.CLIENT_PREFIX + client.getKey(),
                        client -> clientPolicy(client.getKey(), client.getValue().rateLimit().get())));
        var store = config.rateLimitStore();
        this.shared = store.kind() == StoreKind.REDIS ? Optional.of(new RedisBuckets(store)) : Optional.empty();
        this.sharedTimeoutNanos = store.timeout().toNanos();
        this.rejections = policies.keySet().stream().collect(Collectors.toMap(Function.identity(),
                policy -> Counter.builder("gateway.rate.limit.rejections").tag("policy", policy)
                        .description("Requests refused with 429 by this policy").register(registry)));
        this.sharedUnavailable = Counter.builder("gateway.rate.limit.store.unavailable")
                .description("Bucket reads and updates counted in this replica because Redis did not answer")
                .register(registry);
    }

    /**
     * Counts one request against the route's policies, unless one of them has no room left.
     *
     * @param caller the authenticated caller's name; null when anonymous (per-user limits then do not apply)
     */
    public CompletionStage<Verdict> admit(RouteTable.Route route, String caller, String clientAddress) {
        List<BucketKey> buckets = route.rateLimits().orElse(defaults).stream()
                .map(policies::get)
                .map(policy -> policy.per() == RateLimitKey.USER && caller != null
                        ? clientPolicies.getOrDefault(caller, policy) : policy)
                .map(policy -> new BucketKey(policy, switch (policy.per()) {
                    case USER -> caller;
                    case IP -> clientAddress;
                    case ROUTE -> route.name();
                }))
                .filter(bucket -> bucket.key() != null)
                .toList();
        var probes = buckets.stream().map(bucket -> ask(bucket, proxy -> proxy.tryConsumeAndReturnRemaining(1)))
                .toList();
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> verdict(buckets, probes.stream().map(CompletableFuture::join).toList()));
    }

    /**
     * Bucket4j's answer to each consumption is the verdict: a token is taken atomically or not at all (in Redis by
     * one compare-and-swap), so requests racing for a bucket's last tokens can never all be admitted. A request
     * refused by one policy gives back what the others took, so it counts against none of them.
     */
    private Verdict verdict(List<BucketKey> buckets, List<ConsumptionProbe> probes) {
        for (int i = 0; i < buckets.size(); i++) {
            var probe = probes.get(i);
            if (!probe.isConsumed()) {
                giveBack(buckets, probes);
                var policy = buckets.get(i).policy();
                rejections.get(policy.name()).increment();
                long remaining = Math.max(0, probe.getRemainingTokens());
                return new Verdict(false, policy.limit(), remaining, policy.fullAfter(remaining),
                        Duration.ofNanos(probe.getNanosToWaitForRefill()));
            }
        }
        var tightest = Verdict.UNLIMITED;
        for (int i = 0; i < buckets.size(); i++) {
            var probe = probes.get(i);
            if (tightest.limit() < 0 || probe.getRemainingTokens() < tightest.remaining()) {
                tightest = new Verdict(true, buckets.get(i).policy().limit(), probe.getRemainingTokens(),
                        Duration.ofNanos(probe.getNanosToWaitForReset()), Duration.ZERO);
            }
        }
        return tightest;
    }

    private void giveBack(List<BucketKey> buckets, List<ConsumptionProbe> probes) {
        for (int i = 0; i < buckets.size(); i++) {
            if (probes.get(i).isConsumed()) {
                ask(buckets.get(i), proxy -> proxy.addTokens(1));
            }
        }
    }

    private RateLimitPolicy clientPolicy(String client, String name) {
        var policy = policies.get(name);
        if (policy == null || policy.per() != RateLimitKey.USER) {
            throw new IllegalArgumentException("shopflow.gateway.api-keys." + client + ".rate-limit names '" + name
                    + "', which is not a per=user policy of shopflow.gateway.rate-limits");
        }
        return policy;
    }

    /** Asks the shared bucket when there is one that answers in time, this replica's own otherwise. */
    private <T> CompletableFuture<T> ask(BucketKey bucket, Function<AsyncBucketProxy, CompletableFuture<T>> question) {
        if (shared.isEmpty()) {
            return question.apply(localBucket(bucket));
        }
        return shared.get().bucket(bucket.policy(), bucket.key())
                .map(proxy -> question.apply(proxy).orTimeout(sharedTimeoutNanos, TimeUnit.NANOSECONDS))
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("Redis not reached yet")))
                .exceptionallyCompose(unavailable -> {
                    sharedUnavailable.increment();
                    return question.apply(localBucket(bucket));
                });
    }

    private AsyncBucketProxy localBucket(BucketKey bucket) {
        return local.get(bucket, key -> AsyncBucketProxyAdapter.fromSync(
                Bucket.builder().addLimit(key.policy().bandwidth()).build()));
    }

    @PreDestroy
    void close() {
        shared.ifPresent(RedisBuckets::close);
    }
}
