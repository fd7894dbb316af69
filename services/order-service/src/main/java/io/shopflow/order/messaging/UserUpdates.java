package io.shopflow.order.messaging;

import io.shopflow.events.CloudEventHeaders;
import io.shopflow.events.EventCodec;
import io.shopflow.events.user.UserErased;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.order.client.UserLookups;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the user cache fresh from user-service's events, and drops an erased user from it. No inbox: putting a
 * user's newest version in a cache twice, or dropping a user twice, changes nothing. Every replica reads every event
 * (a consumer group of its own, see application.properties), because every replica has its own cache.
 */
@ApplicationScoped
public class UserUpdates {

    private final EventCodec codec;
    private final UserLookups lookups;

    public UserUpdates(EventCodec codec, UserLookups lookups) {
        this.codec = codec;
        this.lookups = lookups;
    }

    @Incoming("user-updates")
    public Uni<Void> onUserEvent(ConsumerRecord<String, byte[]> record) {
        var event = codec.decode(CloudEventHeaders.read(record.headers(), record.value()));
        if (event instanceof UserUpdated updated) {
            return lookups.updated(updated);
        }
        return event instanceof UserErased erased ? lookups.erased(erased) : Uni.createFrom().voidItem();
    }
}
