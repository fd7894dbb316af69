package io.shopflow.events.user;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventType;

/** A new user exists. */
@EventType(name = "UserRegistered", version = 1, aggregate = "user")
public record UserRegistered(String userId, String name, String email, String address) implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId;
    }
}
