package io.shopflow.events.user;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventType;

/**
 * A user was erased: their data keys are destroyed, so every sealed field of theirs, in any event anywhere, opens as
 * erased from now on. Services that keep clear text of the user (contacts, caches) purge it on this event. Carries
 * nothing personal; the id stays, as it does in the user's orders and payments.
 */
@EventType(name = "UserErased", version = 1, aggregate = "user")
public record UserErased(String userId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId;
    }
}
