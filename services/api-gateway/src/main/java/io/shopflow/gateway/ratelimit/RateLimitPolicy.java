package io.shopflow.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.shopflow.gateway.config.GatewayConfig.RateLimitKey;
import java.time.Duration;

/**
 * One configured rate limit ({@code shopflow.gateway.rate-limits.<name>}): a token bucket per {@link #per()} key
 * that holds {@code limit} requests and refills at {@code limit} per {@code period}, so short bursts pass and a
 * steady excess is refused.
 */
record RateLimitPolicy(String name, RateLimitKey per, long limit, Duration period) {

    Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build();
    }

    BucketConfiguration configuration() {
        return BucketConfiguration.builder().addLimit(bandwidth()).build();
    }

    /** How long until a bucket with {@code remaining} tokens is full again. */
    Duration fullAfter(long remaining) {
        return period.multipliedBy(limit - remaining).dividedBy(limit);
    }
}
