package io.shopflow.order.client;

import io.shopflow.grpc.user.v1.User;

/** What is known about one user id: the user, that there is none, or that user-service could not say. */
public sealed interface UserLookup {

    record Found(User user) implements UserLookup {
    }

    record Missing() implements UserLookup {
    }

    /** user-service did not answer (down, too slow, breaker open): the caller decides how to degrade. */
    record Unknown(String reason) implements UserLookup {
    }
}
