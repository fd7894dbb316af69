package io.shopflow.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.shopflow.gateway.GatewayConfig.RateLimitKey;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rate limits of seed 004 (per user per minute, per client address per second, per route per hour, or any
 * other mix configured as {@code shopflow.gateway.rate-limits.<name>}) as token buckets (Bucket4j): a bucket holds
 * {@code limit} requests and refills at {@code limit} per {@code period}, so short bursts pass and a steady excess
 * is refused. A request must fit every policy of its route, and is counted by all of them only when it does.
 * Buckets live in this process (one gateway replica's view), and one not used for a period is dropped, which is
 * the same as full.
 */
@ApplicationScoped
class RateLimits {

    /** What the limits say about one request, and the headers that tell the client (the tightest policy's). */
    record Verdict(boolean allowed, long limit, long remaining, Duration reset, Duration retryAfter) {

        static final Verdict UNLIMITED = new Verdict(true, -1, -1, Duration.ZERO, Duration.ZERO);

        void describe(HttpServerResponse response) {
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

    private record Policy(String name, RateLimitKey per, long limit, Duration period, Cache<String, Bucket> buckets) {

        Bucket bucket(String key) {
            return buckets.get(key, unused -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build())
                    .build());
        }
    }

    private final Map<String, Policy> policies;
    private final List<String> defaults;

    RateLimits(GatewayConfig config) {
        this.policies = config.rateLimits().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> new Policy(entry.getKey(), entry.getValue().per(), entry.getValue().limit(),
                        entry.getValue().period(),
                        Caffeine.newBuilder().expireAfterAccess(entry.getValue().period()).<String, Bucket>build())));
        this.defaults = List.copyOf(config.defaultRateLimits());
        config.routes().forEach((route, settings) -> settings.rateLimits().orElse(defaults).forEach(name -> {
            if (!policies.containsKey(name)) {
                throw new IllegalArgumentException("shopflow.gateway.routes." + route + " names the rate limit '" + name
                        + "', which shopflow.gateway.rate-limits does not define");
            }
        }));
    }

    /**
     * Counts one request against the route's policies, unless one of them has no room left.
     *
     * @param caller the authenticated caller's name; null when anonymous (per-user limits then do not apply)
     */
    Verdict admit(RouteTable.Route route, String caller, String clientAddress) {
        var buckets = new ArrayList<Map.Entry<Policy, Bucket>>();
        for (String name : route.rateLimits().orElse(defaults)) {
            var policy = policies.get(name);
            String key = switch (policy.per()) {
                case USER -> caller;
                case IP -> clientAddress;
                case ROUTE -> route.name();
            };
            if (key != null) {
                buckets.add(Map.entry(policy, policy.bucket(key)));
            }
        }
        for (var entry : buckets) {
            var estimate = entry.getValue().estimateAbilityToConsume(1);
            if (!estimate.canBeConsumed()) {
                var policy = entry.getKey();
                long remaining = Math.max(0, estimate.getRemainingTokens());
                // Full again once the missing tokens have flowed back in at limit per period.
                var reset = policy.period().multipliedBy(policy.limit() - remaining).dividedBy(policy.limit());
                return new Verdict(false, policy.limit(), remaining, reset,
                        Duration.ofNanos(estimate.getNanosToWaitForRefill()));
            }
        }
        var tightest = Verdict.UNLIMITED;
        for (var entry : buckets) {
            var probe = entry.getValue().tryConsumeAndReturnRemaining(1);
            if (tightest.limit() < 0 || probe.getRemainingTokens() < tightest.remaining()) {
                tightest = new Verdict(true, entry.getKey().limit(), probe.getRemainingTokens(),
                        Duration.ofNanos(probe.getNanosToWaitForReset()), Duration.ZERO);
            }
        }
        return tightest;
    }
}
