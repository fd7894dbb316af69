package io.shopflow.events.user;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventType;
import java.math.BigDecimal;

/** A user's profile or credit changed; carries the whole new state so caches can refresh without a lookup. */
@EventType(name = "UserUpdated", version = 1, aggregate = "user")
public record UserUpdated(String userId, String name, String email, String address, BigDecimal credit, long version)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId;
    }
}
