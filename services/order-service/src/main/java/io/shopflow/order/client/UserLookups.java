package io.shopflow.order.client;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopflow.events.CanonicalUuid;
import io.shopflow.events.user.UserErased;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.grpc.user.v1.User;
import io.shopflow.order.client.UserDirectoryClient.UserBatch;
import io.shopflow.order.config.OrderServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Looks users up the way callers should: from a cache kept fresh by {@code UserUpdated} events, and on a miss
 * through a coalescer that sends concurrent lookups as one {@code GetUsers} batch. Callers ask for one id and
 * never notice either. order-service needs to know that a user exists, not who they are: the cache keeps no name,
 * email or address (so the events' sealed fields are never opened here), and an erased user leaves it at once.
 */
@ApplicationScoped
public class UserLookups {

    private static final String CACHE_NAME = "user-lookups";

    private final LookupCache<String, User> cache;
    private final RequestCoalescer<String, UserLookup> coalescer;

    public UserLookups(UserDirectoryClient directory, OrderServiceConfig config, MeterRegistry registry, Vertx vertx) {
        var settings = config.userLookups();
        this.cache = switch (settings.cacheStore()) {
            case MEMORY -> new InMemoryLookupCache<>(CACHE_NAME, settings.cacheTtl(), settings.cacheSize(),
                    User::getVersion, registry);
            case REDIS -> new RedisLookupCache<>(vertx, settings.redisUrl(), CACHE_NAME, settings.cacheTtl(),
                    new RedisLookupCache.Codec<>(User::toByteArray, UserLookups::parseUser, User::getVersion), registry);
        };
        this.coalescer = new RequestCoalescer<>(ids -> directory.getUsers(ids).map(batch -> answers(ids, batch)),
                settings.batchSize(), settings.batchWindow(), vertx.getDelegate());
    }

    public Uni<UserLookup> find(String userId) {
        Optional<String> id = canonical(userId);
        if (id.isEmpty()) {
            // user-service's ids are UUIDs; anything else would make it refuse the whole coalesced batch.
            return Uni.createFrom().item(new UserLookup.Missing());
        }
        return cache.get(id.get()).flatMap(cached -> cached.isPresent()
                ? Uni.createFrom().item(new UserLookup.Found(cached.get()))
                : coalescer.get(id.get()).map(Optional::orElseThrow).map(UserLookups::withoutPersonalData)
                        .call(this::remember));
    }

    /** The user as the event says it is now: readers see the change from here on, not after the cache TTL. */
    public Uni<Void> updated(UserUpdated event) {
        return cache.putIfNewer(event.userId(), User.newBuilder()
                .setId(event.userId())
                .setCredit(event.credit().toPlainString())
                .setVersion(event.version())
                .build());
    }

    /** The user is gone: the next lookup asks user-service, which no longer knows them. */
    public Uni<Void> erased(UserErased event) {
        return cache.invalidate(event.userId());
    }

    private Uni<Void> remember(UserLookup lookup) {
        return lookup instanceof UserLookup.Found found
                ? cache.putIfNewer(found.user().getId(), found.user())
                : Uni.createFrom().voidItem();
    }

    private static UserLookup withoutPersonalData(UserLookup lookup) {
        return lookup instanceof UserLookup.Found found
                ? new UserLookup.Found(found.user().toBuilder().clearName().clearEmail().clearAddress().build())
                : lookup;
    }

    private static Map<String, UserLookup> answers(Set<String> ids, UserBatch batch) {
        return ids.stream().collect(Collectors.toMap(Function.identity(), id -> {
            if (!batch.known()) {
                return new UserLookup.Unknown(batch.unknownBecause());
            }
            var user = batch.found().get(id);
            return user == null ? new UserLookup.Missing() : new UserLookup.Found(user);
        }));
    }

    @PreDestroy
    void close() throws Exception {
        if (cache instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static User parseUser(byte[] bytes) {
        try {
            return User.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("A cached user that is not a User message", e);
        }
    }

    private static Optional<String> canonical(String userId) {
        return CanonicalUuid.parse(userId).map(UUID::toString);
    }
}
