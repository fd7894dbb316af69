package io.shopflow.payment.client;

import io.shopflow.calls.CallFailure;
import io.shopflow.calls.RetryableCallException;
import io.shopflow.payment.client.ProviderApi.ChargeRequest;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.math.BigDecimal;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The provider behind SmallRye Fault Tolerance. Each call has a timeout; what the platform's error taxonomy
 * ({@link CallFailure}) deems retryable (502/503/504, 429, timeouts, refused connections) is retried with jittered
 * exponential backoff and counted by the circuit breaker; a refusal (another 4xx, e.g. 402 declined) is an
 * answer, returned at once. When retries are spent or the breaker is open, the fallback
 * answers {@link ProviderOutcome.Unavailable}: the payment stays pending and is tried again later, rather than
 * failing the order because the provider had a bad minute. The policy is declared once for the class (so its
 * values are configured once, class-wide, in application.properties); each method has its own breaker.
 */
@ApplicationScoped
@Timeout
@ExponentialBackoff
@Retry(retryOn = {RetryableCallException.class, TimeoutException.class})
@CircuitBreaker(failOn = {RetryableCallException.class, TimeoutException.class})
public class PaymentProviderClient {

    private static final Logger LOG = Logger.getLogger(PaymentProviderClient.class);

    private final ProviderApi provider;

    public PaymentProviderClient(@RestClient ProviderApi provider) {
        this.provider = provider;
    }

    /** Charges {@code amount} under {@code reference} (the payment id), which the provider charges once at most. */
    @Fallback(fallbackMethod = "unavailableCharge")
    public Uni<ProviderOutcome> charge(String reference, BigDecimal amount, String currency) {
        return answer(provider.charge(new ChargeRequest(reference, amount, currency)));
    }

    @Fallback(fallbackMethod = "unavailableRefund")
    public Uni<ProviderOutcome> refund(String chargeId) {
        return answer(provider.refund(chargeId));
    }

    /** Whether the provider holds a charge for {@code reference}: after attempts whose outcome is unknown. */
    @Fallback(fallbackMethod = "unavailableLookup")
    public Uni<ProviderOutcome> lookup(String reference) {
        return retryable(provider.charges(reference).map(charges -> charges.isEmpty() ? new ProviderOutcome.NotCharged()
                : new ProviderOutcome.Succeeded(charges.get(0).id())));
    }

    Uni<ProviderOutcome> unavailableCharge(String reference, BigDecimal amount, String currency, Throwable failure) {
        return unavailable(failure);
    }

    Uni<ProviderOutcome> unavailableRefund(String chargeId, Throwable failure) {
        return unavailable(failure);
    }

    Uni<ProviderOutcome> unavailableLookup(String reference, Throwable failure) {
        return unavailable(failure);
    }

    private static Uni<ProviderOutcome> answer(Uni<ProviderApi.Charge> call) {
        return retryable(call.<ProviderOutcome>map(charge -> new ProviderOutcome.Succeeded(charge.id()))
                .onFailure(PaymentProviderClient::isRefusal).recoverWithItem(failure -> new ProviderOutcome.Refused(
                        refusalReason((WebApplicationException) failure))));
    }

    /** The call, with unavailability turned into what retries and the breaker count. */
    private static Uni<ProviderOutcome> retryable(Uni<ProviderOutcome> call) {
        return call.onFailure().transform(failure -> CallFailure.classify("payment provider", failure));
    }

    private static Uni<ProviderOutcome> unavailable(Throwable failure) {
        LOG.warnf("Payment provider unavailable, will try again later: %s", failure.toString());
        return Uni.createFrom().item(new ProviderOutcome.Unavailable(failure.getMessage()));
    }

    /** A 4xx other than 408 and 429: the provider answered, and would answer the same again. */
    private static boolean isRefusal(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500
                && !CallFailure.of(failure).retryable();
    }

    private static String refusalReason(WebApplicationException refusal) {
        return refusal.getResponse().getStatus() == 402 ? "card declined"
                : "refused by the payment provider (" + refusal.getResponse().getStatus() + ")";
    }
}
