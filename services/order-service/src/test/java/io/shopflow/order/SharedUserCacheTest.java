package io.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.shopflow.events.testing.KafkaEvents;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.infra.testing.RequiredTool;
import io.shopflow.order.client.UserLookup;
import io.shopflow.order.client.UserLookups;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User lookups cached in the real Redis of the machine (127.0.0.1:6379; without it: failed in CI, skipped elsewhere),
 * as several order-service replicas would share them.
 */
@QuarkusTest
@TestProfile(SharedUserCacheTest.CachedInRedis.class)
class SharedUserCacheTest {

    public static class CachedInRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shopflow.order.user-lookups.cache-store", "redis",
                    "shopflow.order.user-lookups.redis-url", "redis://127.0.0.1:6379");
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    UserLookups lookups;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private Redis client;
    private RedisAPI redis;
    private final List<String> users = new ArrayList<>();

    @BeforeEach
    void redisIsThere() {
        client = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        redis = RedisAPI.api(client);
        try {
            redis.ping(List.of()).await().atMost(PATIENCE);
        } catch (RuntimeException e) {
            RequiredTool.require(false, "Redis at 127.0.0.1:6379", "apt-get install redis-server, then redis-server --daemonize yes");
        }
    }

    @AfterEach
    void cleanUp() {
        users.forEach(user -> redis.del(List.of(key(user))).await().atMost(PATIENCE));
        client.close();
    }

    private static String key(String user) {
        return "shopflow:user-lookups:" + user;
    }

    private String newUser() {
        var user = StandInUserService.registerUser();
        users.add(user);
        return user;
    }

    private UserLookup find(String userId) {
        return lookups.find(userId).await().atMost(PATIENCE);
    }

    /** The user another replica would read from Redis. */
    private User inRedis(String user) throws Exception {
        var value = redis.hget(key(user), "value").await().atMost(PATIENCE);
        return value == null ? null : User.parseFrom(Base64.getDecoder().decode(value.toString()));
    }

    @Test
    void a_looked_up_user_is_kept_in_redis_and_not_asked_for_again() throws Exception {
        var user = newUser();
        assertThat(find(user)).isInstanceOf(UserLookup.Found.class);
        int batchesBefore = StandInUserService.BATCHES.size();

        assertThat(find(user)).isInstanceOf(UserLookup.Found.class);

        assertThat(StandInUserService.BATCHES.size()).isEqualTo(batchesBefore);
        assertThat(inRedis(user).getId()).isEqualTo(user);
        assertThat(inRedis(user).getName()).as("user-service's answer, its name not kept").isEmpty();
        assertThat(redis.pttl(key(user)).await().atMost(PATIENCE).toLong()).as("expires with the TTL").isPositive();
    }

    @Test
    void an_update_reaches_the_shared_cache_when_its_event_arrives() throws Exception {
        var user = newUser();
        assertThat(find(user)).isInstanceOf(UserLookup.Found.class);

        try (var events = new KafkaEvents(bootstrapServers)) {
            events.publish(UserEvents.updated(user, 2), "user-update-" + user);
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(find(user)).isInstanceOfSatisfying(
                UserLookup.Found.class, found -> assertThat(found.user().getVersion()).isEqualTo(2)));
        assertThat(inRedis(user).getName()).as("nothing personal in Redis").isEmpty();
    }

    @Test
    void an_erasure_drops_the_user_from_the_shared_cache() throws Exception {
        var user = newUser();
        assertThat(find(user)).isInstanceOf(UserLookup.Found.class);

        try (var events = new KafkaEvents(bootstrapServers)) {
            events.publish(UserEvents.erased(user), "user-erased-" + user);
        }

        await().atMost(PATIENCE).until(() -> redis.exists(List.of(key(user))).await().atMost(PATIENCE).toInteger() == 0);
    }
}
