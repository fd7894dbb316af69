package io.shopflow.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void listsEveryAddressADeveloperNeeds() {
        String text = Summary.service(new ServiceDefinition("user-service", 8081, 9181, OptionalInt.of(9081), Optional.of("users")),
                Path.of(".platform/logs/user-service.log"));

        for (String expected : new String[] {
                "http://localhost:8081\n", "gRPC        localhost:9081\n", "http://localhost:9181/q/health",
                "http://localhost:9181/q/metrics", "http://localhost:9181/q/openapi",
                "http://localhost:9181/q/swagger-ui", "users", ".platform/logs/user-service.log"}) {
            assertTrue(text.contains(expected), () -> "missing " + expected + " in\n" + text);
        }
    }

    @Test
    void pointsAtTheConsoleWhenTheGatewayRuns() {
        var gateway = new ServiceDefinition("api-gateway", 8080, 9180, OptionalInt.empty(), Optional.empty());
        var users = new ServiceDefinition("user-service", 8081, 9181, OptionalInt.empty(), Optional.of("users"));

        assertTrue(Summary.console(List.of(users, gateway)).contains("http://localhost:8080/console/"));
        assertTrue(Summary.console(List.of(users)).isEmpty());
    }

    @Test
    void showsASeparateGrpcPort() {
        String text = Summary.service(new ServiceDefinition("order-service", 8082, 9182, OptionalInt.of(9082), Optional.of("orders")),
                Path.of(".platform/logs/order-service.log"));

        assertTrue(text.contains("gRPC        localhost:9082\n"), text);
    }

    @Test
    void listsNoGrpcAddressForAServiceWithoutAGrpcApi() {
        String text = Summary.service(new ServiceDefinition("payment-service", 8084, 9184, OptionalInt.empty(),
                Optional.of("payments")), Path.of(".platform/logs/payment-service.log"));

        assertTrue(!text.contains("gRPC"), text);
    }
}
