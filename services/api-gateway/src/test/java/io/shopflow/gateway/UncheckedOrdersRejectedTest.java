package io.shopflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.shopflow.infra.testing.TokenKeysTestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code when-unavailable=reject}: an order that cannot be checked is refused with 503, and nothing is placed. */
@QuarkusTest
@TestProfile(UncheckedOrdersRejectedTest.Rejecting.class)
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class UncheckedOrdersRejectedTest {

    public static class Rejecting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shopflow.gateway.order-checks.when-unavailable", "reject");
        }
    }

    @Test
    void an_order_that_cannot_be_checked_is_refused_and_may_be_sent_again_later() {
        Backends.USERS.stop();
        try {
            int before = Backends.ORDERS_A.requests.get() + Backends.ORDERS_B.requests.get();
            Tokens.as("ada", "orders:write").contentType(ContentType.JSON)
                    .body("{\"userId\":\"ada\",\"lines\":[{\"sku\":\"" + StandInData.PLENTIFUL + "\",\"quantity\":1}]}")
                    .when().post("/api/v1/orders").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5");
            assertThat(Backends.ORDERS_A.requests.get() + Backends.ORDERS_B.requests.get()).isEqualTo(before);
        } finally {
            Backends.USERS.restart();
            GatewayOrdersTest.awaitRecovered();
        }
    }
}
