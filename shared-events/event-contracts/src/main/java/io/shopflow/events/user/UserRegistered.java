package io.shopflow.events.user;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventType;
import io.shopflow.events.PersonalField;

/**
 * A new user exists. Version 2: name, email and address are sealed with the user's data key ({@link PersonalField});
 * v1 carried them in clear text and reaches this record through {@link UserUpcasters}.
 */
@EventType(name = "UserRegistered", version = 2, aggregate = "user")
public record UserRegistered(String userId, PersonalField name, PersonalField email, PersonalField address)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId;
    }
}
