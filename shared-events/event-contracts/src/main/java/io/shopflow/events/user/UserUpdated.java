package io.shopflow.events.user;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventType;
import io.shopflow.events.PersonalField;
import java.math.BigDecimal;

/**
 * A user's profile or credit changed; carries the whole new state so caches can refresh without a lookup. Version 2:
 * name, email and address are sealed with the user's data key ({@link PersonalField}); v1 carried them in clear
 * text and reaches this record through {@link UserUpcasters}.
 */
@EventType(name = "UserUpdated", version = 2, aggregate = "user")
public record UserUpdated(String userId, PersonalField name, PersonalField email, PersonalField address,
                          BigDecimal credit, long version) implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId;
    }
}
