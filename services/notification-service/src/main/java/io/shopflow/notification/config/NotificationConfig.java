package io.shopflow.notification.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

@ConfigMapping(prefix = "shopflow.notification")
public interface NotificationConfig {

    Sending sending();

    interface Sending {
        /** How often pending notifications are looked for (each consumed event also wakes the sender). */
        Duration sweepEvery();

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
