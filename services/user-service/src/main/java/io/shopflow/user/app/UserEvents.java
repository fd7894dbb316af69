package io.shopflow.user.app;

import io.shopflow.events.PersonalField;
import io.shopflow.events.user.UserErased;
import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.personaldata.DataKey;
import io.shopflow.personaldata.PersonalData;
import io.shopflow.user.domain.User;

/**
 * The domain events a user change produces, as published on topic {@code shopflow.user}. The personal fields are
 * sealed here with the user's current data key, before the event reaches the outbox: no clear text is stored or
 * published.
 */
final class UserEvents {

    private UserEvents() {
    }

    static UserRegistered registered(User user, DataKey key) {
        return new UserRegistered(user.id().toString(), seal(key, user.name()), seal(key, user.email()),
                seal(key, user.address()));
    }

    static UserUpdated updated(User user, DataKey key) {
        return new UserUpdated(user.id().toString(), seal(key, user.name()), seal(key, user.email()),
                seal(key, user.address()), user.credit(), user.version());
    }

    static UserErased erased(User user) {
        return new UserErased(user.id().toString());
    }

    private static PersonalField seal(DataKey key, String clearText) {
        return PersonalField.sealed(PersonalData.seal(key, clearText));
    }
}
