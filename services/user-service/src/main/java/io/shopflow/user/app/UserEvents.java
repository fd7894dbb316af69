package io.shopflow.user.app;

import io.shopflow.events.user.UserRegistered;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.user.domain.User;

/** The domain events a user change produces, as published on topic {@code shopflow.user}. */
final class UserEvents {

    private UserEvents() {
    }

    static UserRegistered registered(User user) {
        return new UserRegistered(user.id().toString(), user.name(), user.email(), user.address());
    }

    static UserUpdated updated(User user) {
        return new UserUpdated(user.id().toString(), user.name(), user.email(), user.address(), user.credit(),
                user.version());
    }
}
