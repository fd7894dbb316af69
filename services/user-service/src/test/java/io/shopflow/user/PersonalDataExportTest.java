package io.shopflow.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/users/{id}/personal-data} over the real broker: the profile and every holder's answer,
 * gathered through Kafka request-reply from holders written with the plain Kafka client; a holder that does not
 * answer in time is named, and its late answer reaches no other export; what is not an answer is left out.
 */
@QuarkusTest
class PersonalDataExportTest {

    private static final String ORDERS = "stand-in-orders";
    private static final String SHIPMENTS = "stand-in-shipments";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private StandInHolders holders;

    @BeforeEach
    void startHolders() {
        holders = new StandInHolders(bootstrapServers, List.of(ORDERS, SHIPMENTS));
    }

    @AfterEach
    void stopHolders() throws InterruptedException {
        holders.close();
    }

    @Test
    void the_export_holds_the_profile_and_one_answer_per_holder_and_nothing_that_is_not_an_answer() {
        String id = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));

        given().when().get("/api/v1/users/" + id + "/personal-data").then().statusCode(200)
                .body("user.id", equalTo(id))
                .body("user.name", equalTo("Ada Lovelace"))
                .body("notAnswered", empty())
                // In the order configured; the intruder's answer, the unreadable one, the one to nobody's request
                // and each holder's second answer are all left out.
                .body("heldElsewhere.service", contains(ORDERS, SHIPMENTS))
                .body("heldElsewhere[0].records.user_id", contains(id))
                .body("heldElsewhere[0].records.answer", contains(1))
                .body("heldElsewhere[1].records.answer", contains(1));
    }

    @Test
    void a_holder_that_does_not_answer_in_time_is_named_and_its_late_answer_reaches_no_other_export() {
        String id = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));
        // Past the export's 2 s wait; it answers while the next export waits.
        holders.answerAfter(SHIPMENTS, Duration.ofMillis(2500));

        given().when().get("/api/v1/users/" + id + "/personal-data").then().statusCode(200)
                .body("heldElsewhere.service", contains(ORDERS))
                .body("notAnswered", contains(SHIPMENTS));

        holders.answerAfter(SHIPMENTS, Duration.ofMillis(1000));
        given().when().get("/api/v1/users/" + id + "/personal-data").then().statusCode(200)
                .body("notAnswered", empty())
                .body("heldElsewhere.service", contains(ORDERS, SHIPMENTS))
                .body("heldElsewhere[1].records.answer", contains(2));
    }

    @Test
    void an_unknown_erased_or_malformed_user_is_refused() {
        String id = UserRestApiTest.register(UserRestApiTest.newUser(UserRestApiTest.uniqueEmail()));
        given().when().delete("/api/v1/users/" + id).then().statusCode(204);

        given().when().get("/api/v1/users/" + id + "/personal-data").then().statusCode(404)
                .body("type", equalTo("urn:shopflow:problem:not-found"));
        given().when().get("/api/v1/users/6f1c2b1e-0000-4000-8000-000000000000/personal-data").then().statusCode(404);
        given().when().get("/api/v1/users/not-a-uuid/personal-data").then().statusCode(400);
    }
}
