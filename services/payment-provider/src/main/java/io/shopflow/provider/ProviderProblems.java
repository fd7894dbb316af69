package io.shopflow.provider;

import io.shopflow.problems.NotFoundException;
import io.shopflow.problems.ProblemException;
import io.shopflow.problems.ServiceUnavailableException;
import java.time.Duration;

/** The provider's refusals, as a real provider gives them: declines are final, outages are not. */
final class ProviderProblems {

    private ProviderProblems() {
    }

    static final class CardDeclined extends ProblemException {
        CardDeclined(String reference) {
            super("card-declined", "card declined", 402, "The card was declined for " + reference);
        }
    }

    static final class ChargeNotFound extends NotFoundException {
        ChargeNotFound(String id) {
            super("No charge " + id);
        }
    }

    static ServiceUnavailableException outage() {
        return new ServiceUnavailableException("The provider is having a moment; nothing was charged", Duration.ofSeconds(1));
    }
}
