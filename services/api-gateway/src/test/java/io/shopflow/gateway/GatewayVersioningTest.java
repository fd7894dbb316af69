package io.shopflow.gateway;

import static io.shopflow.gateway.StandInData.ADA_ORDER;
import static io.shopflow.gateway.StandInData.GRACE_ORDER;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.shopflow.infra.testing.TokenKeysTestResource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Both ways to ask for version 2 of an order, against the stand-ins of {@link Backends}: its own URL, and v1's URL
 * with the v2 media type; v1's answers say they are deprecated and where v2 is.
 */
@QuarkusTest
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class GatewayVersioningTest {

    private static final String V2 = "application/vnd.platform.v2+json";
    private static final String DEPRECATED_SINCE = "@" + Instant.parse("2026-11-23T00:00:00Z").getEpochSecond();

    private static RequestSpecification ada() {
        return Tokens.as("ada", "orders:read");
    }

    @Test
    void url_versioning_each_version_at_its_own_path() {
        ada().when().get("/api/v2/orders/" + ADA_ORDER).then().statusCode(200)
                .body("uri", equalTo("/api/v2/orders/" + ADA_ORDER))
                .header("Deprecation", nullValue());
    }

    @Test
    void version_1_says_it_is_deprecated_and_where_version_2_is() {
        ada().when().get("/api/v1/orders/" + ADA_ORDER).then().statusCode(200)
                .body("uri", equalTo("/api/v1/orders/" + ADA_ORDER))
                .header("Deprecation", DEPRECATED_SINCE)
                .header("Link", "</api/v2/orders/" + ADA_ORDER + ">; rel=\"successor-version\"");
    }

    @Test
    void header_versioning_the_v2_media_type_on_the_v1_url_gets_version_2() {
        ada().accept("application/json;q=0.5, " + V2).when().get("/api/v1/orders/" + ADA_ORDER + "?fields=all")
                .then().statusCode(200)
                .body("uri", equalTo("/api/v2/orders/" + ADA_ORDER + "?fields=all"))
                .body("headers.accept", equalTo("application/json;q=0.5, " + V2))
                .header("Deprecation", nullValue());
    }

    @Test
    void the_same_rules_hold_whichever_way_version_2_is_asked_for() {
        ada().accept(V2).when().get("/api/v1/orders/" + GRACE_ORDER).then().statusCode(403);
        ada().when().get("/api/v2/orders/" + GRACE_ORDER).then().statusCode(403);
        Tokens.as("ada").accept(V2).when().get("/api/v1/orders/" + ADA_ORDER).then().statusCode(403);
    }
}
