package io.shopflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.shopflow.payment.ScriptedProvider.Answer;
import io.shopflow.payment.client.PaymentProviderClient;
import io.shopflow.payment.client.ProviderOutcome;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The provider client's real circuit breaker, opened and closed again against the scripted provider. The other
 * tests of this module raise the breaker's request volume out of reach, so that their scripted failures exercise
 * retries and the payment worker rather than a breaker opened by another test; here it is small, and this class
 * runs in an application of its own.
 */
@QuarkusTest
@TestProfile(ProviderCircuitBreakerTest.SmallBreaker.class)
class ProviderCircuitBreakerTest {

    private static final String BREAKER = "io.shopflow.payment.client.PaymentProviderClient/CircuitBreaker/";

    /** Opens once half of the last four calls failed, half-opens after one second, closes after two successes. */
    public static class SmallBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(BREAKER + "requestVolumeThreshold", "4", BREAKER + "failureRatio", "0.5",
                    BREAKER + "delay", "1000", BREAKER + "successThreshold", "2");
        }
    }

    @Inject
    PaymentProviderClient client;

    private ProviderOutcome charge(String reference) {
        return client.charge(reference, new BigDecimal("28.20"), "EUR").await().atMost(Duration.ofSeconds(30));
    }

    private static String reference() {
        return UUID.randomUUID().toString();
    }

    @Test
    void the_breaker_opens_on_a_failing_provider_and_closes_once_it_answers_again() {
        // One call is one attempt and three retries: four failures in a row fill the window and open the breaker.
        String failing = reference();
        ScriptedProvider.script(failing, Answer.FAIL_503, Answer.FAIL_503, Answer.FAIL_503, Answer.FAIL_503);
        assertThat(charge(failing)).isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(ScriptedProvider.calls(failing)).isEqualTo(4);

        // Open: a call the provider would take never reaches it.
        String shielded = reference();
        assertThat(charge(shielded)).isInstanceOf(ProviderOutcome.Unavailable.class);
        assertThat(ScriptedProvider.calls(shielded)).isZero();

        // After the delay the breaker lets calls through again, and two successes close it.
        String recovered = reference();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> charge(recovered) instanceof ProviderOutcome.Succeeded);
        assertThat(ScriptedProvider.calls(recovered)).isEqualTo(1);
        assertThat(charge(reference())).isInstanceOf(ProviderOutcome.Succeeded.class);

        // Closed: failures are retried against the provider again instead of being cut short.
        String flaky = reference();
        ScriptedProvider.script(flaky, Answer.FAIL_503, Answer.FAIL_503);
        assertThat(charge(flaky)).isInstanceOf(ProviderOutcome.Succeeded.class);
        assertThat(ScriptedProvider.calls(flaky)).isEqualTo(3);
    }
}
