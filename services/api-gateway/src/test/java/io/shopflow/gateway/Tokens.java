package io.shopflow.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Bearer tokens from the gateway's own development endpoint, as a client of the local platform gets them. */
public final class Tokens {

    private Tokens() {
    }

    public static String mint(String subject, String... permissions) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("subject", subject, "permissions", List.of(permissions)))
                .when().post("/dev/tokens").then().statusCode(200).extract().path("token");
    }

    /** A request as {@code subject} holding {@code permissions}. */
    public static RequestSpecification as(String subject, String... permissions) {
        return given().auth().oauth2(mint(subject, permissions));
    }
}
