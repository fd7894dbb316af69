package io.shopflow.notification.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

@ConfigMapping(prefix = "shopflow.notification")
public interface NotificationConfig {

    Sending sending();

    /** The keys that open users' sealed names and emails, fetched from user-service (docs/personal-data.md). */
    DataKeys dataKeys();

    interface DataKeys {
        /**
         * How long a fetched key is kept: after a user's erasure, the longest their data can still be opened here
         * should the UserErased event be late.
         */
        Duration expiry();

        /** Most keys kept at once; the least used go first. */
        @Positive
        long maxKeys();
    }

    interface Sending {
        /** How often pending notifications are looked for (each consumed event also wakes the sender). */
        Duration sweepEvery();

        /**
         * How long the sweep a consumed event wakes waits for more: the notifications of every event committed
         * meanwhile are claimed and marked sent by one sweep's two transactions, not two each.
         */
        Duration gatherFor();

        /** Most notifications claimed per sweep. */
        @Positive
        int batchSize();

        /** How long a claimed notification is left alone by other sweeps; also the wait after a failed send. */
        Duration lease();

        /** Send attempts before a notification is given up as FAILED. */
        @Positive
        int maxAttempts();

        /** How long a notification waits for its user's address (the user's event may come later). */
        Duration maxWaitForContact();
    }
}
