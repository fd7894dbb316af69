package io.shopflow.payment.client;

/** What a call to the provider came to, as the payment's state machine needs it. */
public sealed interface ProviderOutcome {

    /** Done: the charge (or refund) went through, or a lookup found one; {@code chargeId} is the provider's id. */
    record Succeeded(String chargeId) implements ProviderOutcome {
    }

    /** Refused for good (a decline, an invalid request): trying again would not help. */
    record Refused(String reason) implements ProviderOutcome {
    }

    /** A lookup found no charge for the reference: nothing was taken. */
    record NotCharged() implements ProviderOutcome {
    }

    /** The provider could not be reached or kept failing: try again later. */
    record Unavailable(String reason) implements ProviderOutcome {
    }
}
