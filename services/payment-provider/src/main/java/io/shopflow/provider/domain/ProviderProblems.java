package io.shopflow.provider.domain;

import io.shopflow.problems.NotFoundException;
import io.shopflow.problems.ProblemException;
import io.shopflow.problems.ServiceUnavailableException;
import java.time.Duration;

/** The provider's refusals, as a real provider gives them: declines are final, outages are not. */
public final class ProviderProblems {

    private ProviderProblems() {
    }

    public static final class CardDeclined extends ProblemException {
        public CardDeclined(String reference) {
            super("card-declined", "card declined", 402, "The card was declined for " + reference);
        }
    }

    public static final class ChargeNotFound extends NotFoundException {
        public ChargeNotFound(String id) {
            super("No charge " + id);
        }
    }

    public static ServiceUnavailableException outage() {
        return new ServiceUnavailableException("The provider is having a moment; nothing was charged", Duration.ofSeconds(1));
    }
}
