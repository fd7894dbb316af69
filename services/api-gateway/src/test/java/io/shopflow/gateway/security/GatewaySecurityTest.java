package io.shopflow.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shopflow.callers.Caller;
import io.shopflow.gateway.Backends;
import io.shopflow.gateway.Tokens;
import io.shopflow.infra.testing.TokenKeysTestResource;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Bearer tokens at the gateway: who gets through to which route, and what the service learns about the caller. */
@QuarkusTest
@WithTestResource(Backends.class)
@WithTestResource(TokenKeysTestResource.class)
class GatewaySecurityTest {

    @Inject
    MeterRegistry registry;

    private double tokens(String result) {
        return registry.get("gateway.verified.tokens").tag("result", result).counter().count();
    }

    @Test
    void a_token_is_verified_once_and_then_recognised_while_any_other_string_is_checked_again() {
        String token = Tokens.mint("cached-" + System.nanoTime(), "orders:read");
        double checked = tokens("checked");
        double remembered = tokens("remembered");

        for (int n = 0; n < 3; n++) {
            given().auth().oauth2(token).when().get("/api/v1/payments/1").then().statusCode(200)
                    .body("headers.x-caller-permissions", equalTo("orders:read"));
        }
        assertThat(tokens("checked") - checked).isEqualTo(1);
        assertThat(tokens("remembered") - remembered).isEqualTo(2);

        var parts = token.split("\\.");
        char[] signature = parts[2].toCharArray();
        signature[signature.length / 2] = signature[signature.length / 2] == 'A' ? 'B' : 'A';
        String forged = parts[0] + "." + parts[1] + "." + new String(signature);
        given().auth().oauth2(forged).when().get("/api/v1/payments/1").then().statusCode(401);
    }

    private static final String PROBLEM = "application/problem+json";
    /** The key whose SHA-256 the test profile configures for the client "partner" (orders:read). */
    private static final String PARTNER_KEY = "sk_test_partner_7f1c2e9a4b";

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @ConfigProperty(name = "mp.jwt.verify.audiences")
    String audience;

    /** The local console's origin is the gateway's own port, the topology catalogue's (not the tests'). */
    @ConfigProperty(name = "shopflow.topology.api-gateway.http-port")
    int gatewayPort;

    /** A token like the gateway's own, but for {@code issuer} and {@code audience}, expiring at {@code expiresAt}. */
    private static String token(String issuer, String audience, Instant expiresAt) {
        return Jwt.issuer(issuer).audience(audience).subject("mallory")
                .claim(DevTokens.PERMISSIONS_CLAIM, Set.of("orders:read")).expiresAt(expiresAt).sign();
    }

    private static void refused(String token) {
        given().auth().oauth2(token).when().get("/api/v1/orders").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:shopflow:problem:unauthenticated"));
    }

    @Test
    void without_a_token_a_protected_route_is_401_and_a_public_one_is_served() {
        given().when().get("/api/v1/orders").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer");

        given().when().get("/api/v1/products").then().statusCode(200).body("backend", equalTo("users"));
    }

    @Test
    void a_token_with_a_bad_signature_issuer_audience_or_expiry_is_401() throws Exception {
        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        String foreign = Jwt.issuer(issuer).audience(audience).subject("mallory")
                .claim(DevTokens.PERMISSIONS_CLAIM, Set.of("orders:read"))
                .expiresAt(Instant.now().plusSeconds(600)).sign(otherKey.generateKeyPair().getPrivate());
        refused(foreign);
        refused(token("https://elsewhere.example", audience, Instant.now().plusSeconds(600)));
        refused(token(issuer, "another-api", Instant.now().plusSeconds(600)));
        refused(token(issuer, audience, Instant.now().minusSeconds(600)));
        refused("not.a.jwt");
        // The same claims, issuer and audience with the gateway's key pass: the refusals above are for what differs.
        given().auth().oauth2(token(issuer, audience, Instant.now().plusSeconds(600)))
                .when().get("/api/v1/orders?userId=mallory").then().statusCode(200);
    }

    @Test
    void a_token_without_the_route_permission_is_403_and_with_it_the_request_goes_through() {
        Tokens.as("ada", "orders:read").when().post("/api/v1/orders").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:shopflow:problem:forbidden"))
                .body("detail", equalTo("This needs the permission 'orders:write'"));

        Tokens.as("ada", "orders:read").when().get("/api/v1/orders?userId=ada").then().statusCode(200);
        // A route that asks no permission takes any valid token (here: for the caller's own profile).
        Tokens.as("ada").when().get("/api/v1/users/ada").then().statusCode(200);
    }

    @Test
    void the_service_learns_the_verified_caller_and_never_what_a_client_claims_to_be() {
        var seen = Tokens.as("ada", "orders:write", "orders:read")
                .header(Caller.ID_HEADER, "admin")
                .header(Caller.PERMISSIONS_HEADER, "admin:orders")
                .header(Caller.ADMIN_HEADER, "true")
                .when().get("/api/v1/orders?userId=ada").then().statusCode(200).extract();

        assertThat(seen.<String>path("headers.x-caller-id")).isEqualTo("ada");
        assertThat(seen.<String>path("headers.x-caller-permissions")).isEqualTo("orders:read,orders:write");
        assertThat(seen.<String>path("headers.x-caller-admin")).isEqualTo("false");
        assertThat(seen.<Object>path("headers.authorization")).as("the token stays at the gateway").isNull();

        var admin = Tokens.as("support", "orders:read", "admin:orders").when().get("/api/v1/payments/42").then()
                .statusCode(200).extract();
        assertThat(admin.<String>path("headers.x-caller-admin")).as("holds the route's admin permission")
                .isEqualTo("true");

        var anonymous = given().header(Caller.ID_HEADER, "admin").when().get("/api/v1/products").then()
                .statusCode(200).extract();
        assertThat(anonymous.<Object>path("headers.x-caller-id")).isNull();
    }

    @Test
    void development_tokens_need_a_subject_and_permissions() {
        given().contentType(ContentType.JSON).body(Map.of("subject", " ", "permissions", List.of()))
                .when().post("/dev/tokens").then().statusCode(400).contentType(PROBLEM);

        String token = Tokens.mint("grace", "orders:read");
        assertThat(token.split("\\.")).hasSize(3);
    }

    @Test
    void a_machine_client_with_a_known_api_key_gets_its_permissions_and_an_unknown_key_is_401() {
        var seen = given().header(ApiKeys.HEADER, PARTNER_KEY).when().get("/api/v1/payments/42").then().statusCode(200)
                .extract();
        assertThat(seen.<String>path("headers.x-caller-id")).isEqualTo("client:partner");
        assertThat(seen.<String>path("headers.x-caller-permissions")).isEqualTo("orders:read");
        assertThat(seen.<Object>path("headers.x-api-key")).as("the key stays at the gateway").isNull();

        given().header(ApiKeys.HEADER, PARTNER_KEY).when().post("/api/v1/orders").then().statusCode(403);
        given().header(ApiKeys.HEADER, PARTNER_KEY + "x").when().get("/api/v1/payments/42").then().statusCode(401)
                .contentType(PROBLEM).body("type", equalTo("urn:shopflow:problem:unauthenticated"));
    }

    @Test
    void a_user_reaches_only_their_own_profile_and_orders_unless_an_admin() {
        String ada = Tokens.mint("ada", "orders:read");
        given().auth().oauth2(ada).when().get("/api/v1/users/ada").then().statusCode(200);
        given().auth().oauth2(ada).when().patch("/api/v1/users/ada/credit").then().statusCode(403) // money: admins only
                .body("detail", equalTo("This needs the permission 'admin:users'"));
        given().auth().oauth2(ada).when().get("/api/v1/orders?userId=ada").then().statusCode(200);

        given().auth().oauth2(ada).when().get("/api/v1/users/grace").then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("urn:shopflow:problem:forbidden"));
        given().auth().oauth2(ada).when().patch("/api/v1/users/grace/credit").then().statusCode(403);
        given().auth().oauth2(ada).when().get("/api/v1/orders?userId=grace").then().statusCode(403);
        given().auth().oauth2(ada).when().get("/api/v1/orders?userId=ada&userId=grace").then().statusCode(403);
        given().auth().oauth2(ada).when().get("/api/v1/orders").then().statusCode(403); // everyone's: admins only

        Tokens.as("root", "admin:users").when().get("/api/v1/users/grace").then().statusCode(200);
        Tokens.as("root", "admin:users").when().patch("/api/v1/users/grace/credit").then().statusCode(200);
        Tokens.as("root", "orders:read", "admin:orders").when().get("/api/v1/orders").then().statusCode(200);
        Tokens.as("root", "orders:read", "admin:orders").when().get("/api/v1/orders?userId=grace").then().statusCode(200);
    }

    @Test
    void every_answer_carries_the_security_headers_and_only_configured_origins_may_call_from_a_browser() {
        for (var answer : List.of(given().when().get("/api/v1/products").then().statusCode(200),
                given().when().get("/api/v1/orders").then().statusCode(401))) {
            answer.header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer");
        }

        String console = "http://localhost:" + gatewayPort;
        given().header("Origin", console).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                .when().options("/api/v1/orders").then().statusCode(200)
                .header("Access-Control-Allow-Origin", console)
                .header("Access-Control-Allow-Methods", containsString("POST"));
        var foreign = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/orders").then().extract();
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }
}
