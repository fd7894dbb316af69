package io.shopflow.gateway.ratelimit;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.shopflow.gateway.config.GatewayConfig.RateLimitStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Token buckets in Redis, shared by every gateway replica. Bucket4j keeps each bucket as one key and changes it
 * with a compare-and-swap script, so replicas counting at the same moment never lose a request; a key expires
 * once its bucket would be full again, which is the same as no key.
 *
 * <p>Through Lettuce, not the Vert.x Redis client order-service's user cache uses: Bucket4j's Redis integrations are
 * for Lettuce, Jedis and Redisson only, and its compare-and-swap on Lettuce is the part worth not writing by hand.
 * Each service has one Redis client; the two services just do not share one.
 *
 * <p>Redis is reached in the background: until the first connection succeeds, and while Lettuce reconnects a lost
 * one, {@link #bucket} has nothing to offer or its commands fail at once (they are not queued), and the caller
 * counts in memory instead.
 */
final class RedisBuckets implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedisBuckets.class);
    /** Time a full bucket's key is kept past the moment it filled up (Bucket4j's own advice is a few seconds). */
    private static final Duration KEPT_WHEN_FULL = Duration.ofSeconds(10);

    private final RedisClient client;
    private final RedisURI uri;
    private final String namespace;
    private final long reconnectAfterNanos;
    private final AtomicReference<StatefulRedisConnection<byte[], byte[]>> connection = new AtomicReference<>();
    private final AtomicReference<AsyncProxyManager<byte[]>> buckets = new AtomicReference<>();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicLong nextAttempt = new AtomicLong();

    RedisBuckets(RateLimitStore settings) {
        this.uri = RedisURI.create(settings.redisUrl());
        this.namespace = settings.namespace();
        this.reconnectAfterNanos = settings.reconnectAfter().toNanos();
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .build());
        // The first requests should count in Redis already, so the start waits for the first attempt to end.
        connect().toCompletableFuture().completeOnTimeout(null, settings.connectTimeout().toMillis(),
                TimeUnit.MILLISECONDS).join();
    }

    /** The bucket of {@code key} under {@code policy}; empty while Redis has not been reached. */
    Optional<AsyncBucketProxy> bucket(RateLimitPolicy policy, String key) {
        var manager = buckets.get();
        if (manager == null) {
            if (System.nanoTime() - nextAttempt.get() >= 0) {
                connect();
            }
            return Optional.empty();
        }
        byte[] name = (namespace + ":" + policy.name() + ":" + key).getBytes(StandardCharsets.UTF_8);
        return Optional.of(manager.builder().build(name, () -> CompletableFuture.completedFuture(policy.configuration())));
    }

    /** Tries to connect unless an attempt is under way; the stage completes when the attempt has ended. */
    private CompletionStage<?> connect() {
        if (!connecting.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return client.connectAsync(ByteArrayCodec.INSTANCE, uri).handle((connected, failure) -> {
            if (failure == null) {
                connection.set(connected);
                buckets.set(Bucket4jLettuce.casBasedBuilder(connected)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                KEPT_WHEN_FULL))
                        .build().asAsync());
                LOG.infof("Rate limits are shared through Redis at %s:%d", uri.getHost(), uri.getPort());
            } else {
                nextAttempt.set(System.nanoTime() + reconnectAfterNanos);
                LOG.warnf("Redis at %s:%d cannot be reached (%s); rate limits count in this replica until it can",
                        uri.getHost(), uri.getPort(), failure.getMessage());
            }
            connecting.set(false);
            return null;
        });
    }

    @Override
    public void close() {
        Optional.ofNullable(connection.get()).ifPresent(StatefulRedisConnection::close);
        client.shutdown();
    }
}
