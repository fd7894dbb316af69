package io.shopflow.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import grpc.health.v1.HealthGrpc.HealthBlockingStub;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The correlation id over real HTTP and gRPC calls to a running application of this module. */
@QuarkusTest
class CorrelationTest {

    private static final String NEW_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Metadata.Key<String> GRPC_KEY =
            Metadata.Key.of("x-correlation-id", Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient("self")
    HealthBlockingStub health;

    @AfterEach
    void forgetCorrelation() {
        MDC.remove(CorrelationId.MDC_KEY);
    }

    @Test
    void an_http_request_keeps_a_well_formed_id_while_it_is_handled_and_gets_it_back() {
        given().header("X-Correlation-Id", "checkout-42").when().get(CurrentCorrelationRoute.PATH)
                .then().statusCode(200).header("X-Correlation-Id", "checkout-42").body(equalTo("checkout-42"));
    }

    @Test
    void an_http_request_without_a_usable_id_gets_a_new_one() {
        var answer = given().header("X-Correlation-Id", "two words\n<script>").when().get(CurrentCorrelationRoute.PATH)
                .then().statusCode(200).extract();
        assertThat(answer.header("X-Correlation-Id")).matches(NEW_ID).isEqualTo(answer.body().asString());
        assertThat(given().when().get(CurrentCorrelationRoute.PATH).then().extract().header("X-Correlation-Id"))
                .matches(NEW_ID);
    }

    @Test
    void a_grpc_call_carries_the_callers_current_id_to_the_server_which_returns_it() {
        CorrelationId.set("order-flow-7");
        assertThat(answerHeaderOfHealthCheck()).isEqualTo("order-flow-7");
    }

    @Test
    void a_grpc_call_without_a_current_id_gets_a_new_one_from_the_server() {
        assertThat(answerHeaderOfHealthCheck()).matches(NEW_ID);
    }

    private String answerHeaderOfHealthCheck() {
        var headers = new AtomicReference<Metadata>();
        health.withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
                .check(HealthCheckRequest.newBuilder().build());
        return headers.get().get(GRPC_KEY);
    }
}
