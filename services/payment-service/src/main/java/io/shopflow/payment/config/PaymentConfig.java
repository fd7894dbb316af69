package io.shopflow.payment.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

@ConfigMapping(prefix = "shopflow.payment")
public interface PaymentConfig {

    Work work();

    interface Work {
        /** How often due payments and refunds are looked for (each StockReserved also wakes the worker). */
        Duration sweepEvery();

        /** Most payments claimed per sweep, and charged at the same time. */
        int batchSize();

        /** How long a claimed payment is left alone by other sweeps while it is being charged. */
        Duration lease();

        /** Charge attempts (each with the client's own retries) before a payment fails as unavailable. */
        int maxAttempts();

        /** The wait after the first unavailable attempt; doubled each time, up to {@link #maxBackoff()}. */
        Duration initialBackoff();

        Duration maxBackoff();
    }
}
