package io.shopflow.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserRestApiTest {

    private static final String USERS = "/api/v1/users";
    private static final String PROBLEM_JSON = "application/problem+json";

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    static Map<String, Object> newUser(String email) {
        return Map.of("name", "Ada Lovelace", "email", email, "address", "12 St James's Square, London");
    }

    static String register(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post(USERS)
                .then().statusCode(201)
                .extract().path("id");
    }

    private static ValidatableResponse expectProblem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType(startsWith(PROBLEM_JSON))
                .body("type", equalTo("urn:shopflow:problem:" + type))
                .body("status", equalTo(status))
                .body("title", notNullValue());
    }

    @Nested
    class Registration {

        @Test
        void answers_201_with_location_and_the_stored_user() {
            String email = uniqueEmail();
            String location = given().contentType(ContentType.JSON)
                    .body(Map.of("name", "Ada", "email", email, "address", "London", "initialCredit", 250.5))
                    .when().post(USERS)
                    .then().statusCode(201)
                    .body("id", notNullValue())
                    .body("name", equalTo("Ada"))
                    .body("email", equalTo(email))
                    .body("credit", equalTo(250.5f))
                    .body("version", equalTo(1))
                    .extract().header("Location");

            given().when().get(location)
                    .then().statusCode(200)
                    .body("email", equalTo(email))
                    .body("address", equalTo("London"));
        }

        @Test
        void starts_with_zero_credit_when_none_is_given() {
            String id = register(newUser(uniqueEmail()));
            given().when().get(USERS + "/" + id).then().statusCode(200).body("credit", equalTo(0.0f));
        }

        @Test
        void lists_every_invalid_field_in_one_problem() {
            var body = Map.of("name", "  ", "email", "not-an-email", "initialCredit", -1);
            expectProblem(given().contentType(ContentType.JSON).body(body).when().post(USERS).then(), 400, "validation")
                    .body("errors.field", hasItem("name"))
                    .body("errors.field", hasItem("email"))
                    .body("errors.field", hasItem("address"))
                    .body("errors.field", hasItem("initialCredit"));
        }

        @Test
        void refuses_fields_longer_than_the_columns() {
            var body = Map.of("name", "x".repeat(201), "email", uniqueEmail(), "address", "London");
            expectProblem(given().contentType(ContentType.JSON).body(body).when().post(USERS).then(), 400, "validation")
                    .body("errors.field", containsInAnyOrder("name"));
        }

        @Test
        void refuses_a_taken_email_whatever_its_case_and_keeps_the_first_user() {
            String email = uniqueEmail();
            String first = register(newUser(email));

            expectProblem(given().contentType(ContentType.JSON).body(newUser(email.toUpperCase()))
                    .when().post(USERS).then(), 409, "email-taken");

            given().when().get(USERS + "/" + first).then().statusCode(200).body("email", equalTo(email));
        }

        @Test
        void writes_nothing_for_a_rejected_request() {
            String email = uniqueEmail();
            var invalid = Map.of("name", "", "email", email, "address", "London");
            given().contentType(ContentType.JSON).body(invalid).when().post(USERS).then().statusCode(400);

            // Had the invalid request left a row behind, the email would now be taken.
            register(newUser(email));
        }
    }

    @Nested
    class BadInput {

        @Test
        void malformed_json_is_400_not_500() {
            expectProblem(given().contentType(ContentType.JSON).body("{\"name\": \"Ada\", ")
                    .when().post(USERS).then(), 400, "malformed-request");
        }

        @Test
        void a_wrong_json_type_names_the_field() {
            var body = Map.of("name", "Ada", "email", uniqueEmail(), "address", "London", "initialCredit", "lots");
            expectProblem(given().contentType(ContentType.JSON).body(body).when().post(USERS).then(), 400, "validation")
                    .body("errors[0].field", equalTo("initialCredit"));
        }

        @Test
        void a_nul_character_in_a_field_is_refused_not_a_database_error() {
            var body = Map.of("name", "Ada", "email", uniqueEmail(), "address", "London\u0000");
            expectProblem(given().contentType(ContentType.JSON).body(body).when().post(USERS).then(), 400, "validation")
                    .body("errors[0].field", equalTo("address"))
                    .body("errors[0].message", equalTo("must not hold a NUL character"));
        }

        @Test
        void an_unknown_field_is_refused_rather_than_ignored() {
            var body = Map.of("name", "Ada", "emial", uniqueEmail(), "address", "London");
            expectProblem(given().contentType(ContentType.JSON).body(body).when().post(USERS).then(), 400, "validation")
                    .body("errors[0].field", equalTo("emial"));
        }

        @Test
        void an_empty_body_is_400() {
            expectProblem(given().contentType(ContentType.JSON).when().post(USERS).then(), 400, "validation")
                    .body("errors[0].field", equalTo("body"));
        }

        @Test
        void a_json_array_instead_of_an_object_is_400() {
            expectProblem(given().contentType(ContentType.JSON).body("[1, 2]").when().post(USERS).then(),
                    400, "validation");
        }

        @Test
        void an_oversized_body_is_413() {
            var body = Map.of("name", "Ada", "email", uniqueEmail(), "address", "x".repeat(100_000));
            given().contentType(ContentType.JSON).body(body).when().post(USERS).then().statusCode(413);
        }

        @Test
        void a_non_json_media_type_is_415() {
            expectProblem(given().contentType(ContentType.TEXT).body("name=Ada").when().post(USERS).then(),
                    415, "http");
        }

        @Test
        void an_id_that_is_not_a_uuid_is_400() {
            expectProblem(given().when().get(USERS + "/42").then(), 400, "validation")
                    .body("errors[0].field", equalTo("id"));
        }

        @Test
        void an_unknown_user_is_404() {
            expectProblem(given().when().get(USERS + "/" + UUID.randomUUID()).then(), 404, "not-found");
        }

        @Test
        void an_unknown_route_is_a_404_problem() {
            expectProblem(given().when().get("/api/v1/nothing-here").then(), 404, "not-found");
        }

        @Test
        void errors_leak_no_internals() {
            given().contentType(ContentType.JSON).body("{\"name\": ")
                    .when().post(USERS)
                    .then().statusCode(400)
                    .body(not(containsString("Exception")))
                    .body(not(containsString("at io.")));
        }
    }

    @Nested
    class Updates {

        @Test
        void put_replaces_the_profile_and_bumps_the_version() {
            String id = register(newUser(uniqueEmail()));
            String email = uniqueEmail();
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", "Grace Hopper", "email", email, "address", "Arlington"))
                    .when().put(USERS + "/" + id)
                    .then().statusCode(200)
                    .body("name", equalTo("Grace Hopper"))
                    .body("email", equalTo(email))
                    .body("address", equalTo("Arlington"))
                    .body("version", equalTo(2));
        }

        @Test
        void put_requires_every_field() {
            String id = register(newUser(uniqueEmail()));
            expectProblem(given().contentType(ContentType.JSON).body(Map.of("name", "Grace"))
                    .when().put(USERS + "/" + id).then(), 400, "validation")
                    .body("errors.field", containsInAnyOrder("address", "email"));
        }

        @Test
        void put_on_an_unknown_user_is_404() {
            expectProblem(given().contentType(ContentType.JSON).body(newUser(uniqueEmail()))
                    .when().put(USERS + "/" + UUID.randomUUID()).then(), 404, "not-found");
        }

        @Test
        void patch_changes_only_the_given_fields() {
            String email = uniqueEmail();
            String id = register(newUser(email));
            given().contentType("application/merge-patch+json").body(Map.of("address", "Paris"))
                    .when().patch(USERS + "/" + id)
                    .then().statusCode(200)
                    .body("address", equalTo("Paris"))
                    .body("name", equalTo("Ada Lovelace"))
                    .body("email", equalTo(email));
        }

        @Test
        void patch_validates_the_fields_it_changes() {
            String id = register(newUser(uniqueEmail()));
            expectProblem(given().contentType(ContentType.JSON).body(Map.of("email", "nope", "name", " "))
                    .when().patch(USERS + "/" + id).then(), 400, "validation")
                    .body("errors.field", hasItem("email"))
                    .body("errors.field", hasItem("name"));
        }

        @Test
        void patch_to_an_email_someone_else_has_is_409() {
            String taken = uniqueEmail();
            register(newUser(taken));
            String id = register(newUser(uniqueEmail()));
            expectProblem(given().contentType(ContentType.JSON).body(Map.of("email", taken))
                    .when().patch(USERS + "/" + id).then(), 409, "email-taken");
        }
    }

    @Nested
    class Credit {

        private ValidatableResponse adjust(String id, Object amount) {
            return given().contentType(ContentType.JSON).body(Map.of("amount", amount))
                    .when().patch(USERS + "/" + id + "/credit").then();
        }

        @Test
        void adds_and_takes_credit() {
            String id = register(newUser(uniqueEmail()));
            adjust(id, 50).statusCode(200).body("credit", equalTo(50.0f));
            adjust(id, -20.25).statusCode(200).body("credit", equalTo(29.75f));
        }

        @Test
        void never_goes_below_zero() {
            String id = register(newUser(uniqueEmail()));
            adjust(id, 10).statusCode(200);
            expectProblem(adjust(id, -10.01), 409, "insufficient-credit");
            given().when().get(USERS + "/" + id).then().body("credit", equalTo(10.0f));
        }

        @Test
        void concurrent_deductions_never_overdraw() throws Exception {
            String id = register(newUser(uniqueEmail()));
            adjust(id, 100).statusCode(200);

            int attempts = 25;
            var pool = Executors.newFixedThreadPool(8);
            try {
                var results = new ArrayList<Future<Integer>>();
                for (int i = 0; i < attempts; i++) {
                    results.add(pool.submit(() -> adjust(id, -10).extract().statusCode()));
                }
                int succeeded = 0;
                for (var result : results) {
                    int status = result.get();
                    if (status == 200) {
                        succeeded++;
                    } else {
                        assertEquals(409, status);
                    }
                }
                assertEquals(10, succeeded, "exactly the credit available may be taken");
            } finally {
                pool.shutdownNow();
            }
            given().when().get(USERS + "/" + id).then().body("credit", equalTo(0.0f));
        }

        @Test
        void refuses_more_than_two_decimals_and_a_missing_amount() {
            String id = register(newUser(uniqueEmail()));
            expectProblem(adjust(id, 1.005), 400, "validation").body("errors[0].field", equalTo("amount"));
            expectProblem(given().contentType(ContentType.JSON).body("{}")
                    .when().patch(USERS + "/" + id + "/credit").then(), 400, "validation")
                    .body("errors[0].field", equalTo("amount"));
        }

        @Test
        void an_unknown_user_is_404() {
            expectProblem(adjust(UUID.randomUUID().toString(), 5), 404, "not-found");
        }
    }

    @Test
    void location_is_a_relative_link_to_the_new_user_whatever_host_the_request_names() {
        var answer = given().contentType(ContentType.JSON).header("Host", "evil.example").body(newUser(uniqueEmail()))
                .when().post(USERS)
                .then().statusCode(201)
                .extract();

        assertEquals(USERS + "/" + answer.path("id"), answer.header("Location"));
    }

    @Test
    void text_that_is_not_valid_unicode_is_refused_not_stored_with_a_question_mark() {
        var body = "{\"name\":\"a\\ud800b\",\"email\":\"" + uniqueEmail() + "\",\"address\":\"Here\"}";
        expectProblem(given().contentType(ContentType.JSON).body(body).when().post(USERS).then(), 400, "validation")
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("is not valid Unicode (a lone surrogate)"));
    }

    @Test
    void a_body_without_a_content_type_is_415_and_registers_nobody() throws Exception {
        String email = uniqueEmail();
        var untyped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":"
                        + RestAssured.port + USERS)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Ada\",\"email\":\"" + email + "\",\"address\":\"Here\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(415, untyped.statusCode(), untyped.body());
        assertEquals(PROBLEM_JSON, untyped.headers().firstValue("Content-Type").orElse(null));
        register(newUser(email)); // the email is still free
    }
}
