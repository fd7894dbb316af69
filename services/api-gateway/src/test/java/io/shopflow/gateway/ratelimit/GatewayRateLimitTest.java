package io.shopflow.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.shopflow.gateway.Backends;
import io.shopflow.gateway.Tokens;
import io.shopflow.gateway.security.ApiKeys;
import io.shopflow.infra.testing.TokenKeysTestResource;
import org.junit.jupiter.api.Test;

/** The three kinds of rate limit, each on a route of its own allowing three requests ({@link Backends}). */
@QuarkusTest
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class GatewayRateLimitTest {

    /** Three requests pass, counting down in the headers; the fourth is 429 with when to come back. */
    private static void threeThenRefused(RequestSpecification client, String path) {
        for (int remaining = 2; remaining >= 0; remaining--) {
            client.when().get(path).then().statusCode(200)
                    .header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", Integer.toString(remaining));
        }
        var refused = client.when().get(path).then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:shopflow:problem:rate-limited"))
                .header("RateLimit-Remaining", "0")
                .extract();
        assertThat(Long.parseLong(refused.header("Retry-After"))).as("a token back within the period").isBetween(1L, 60L);
    }

    @Test
    void per_user_each_caller_has_a_bucket_of_its_own() {
        var ada = Tokens.as("ada-" + System.nanoTime());
        threeThenRefused(ada, "/api/v1/limited/by-user/1");

        Tokens.as("grace-" + System.nanoTime()).when().get("/api/v1/limited/by-user/1").then().statusCode(200)
                .header("RateLimit-Remaining", "2");
    }

    @Test
    void per_address_every_caller_from_one_address_shares_a_bucket() {
        threeThenRefused(Tokens.as("ada"), "/api/v1/limited/by-address/1");

        Tokens.as("grace").when().get("/api/v1/limited/by-address/1").then().statusCode(429);
    }

    @Test
    void an_api_client_with_a_limit_of_its_own_is_counted_by_it_instead_of_the_per_user_default() {
        var batch = given().header(ApiKeys.HEADER, Backends.BATCH_KEY);
        threeThenRefused(batch, "/api/v1/payments/1");

        Tokens.as("ada-" + System.nanoTime(), "orders:read").when().get("/api/v1/payments/1").then().statusCode(200)
                .header("RateLimit-Limit", "200"); // the tightest default for a person: 200/s per address
    }

    @Test
    void per_route_everyone_shares_one_bucket_signed_in_or_not() {
        given().when().get("/api/v1/limited/by-route/1").then().statusCode(200);
        Tokens.as("ada").when().get("/api/v1/limited/by-route/1").then().statusCode(200);
        Tokens.as("grace").when().get("/api/v1/limited/by-route/1").then().statusCode(200);

        given().when().get("/api/v1/limited/by-route/1").then().statusCode(429);
    }
}
