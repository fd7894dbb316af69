package io.shopflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class ServiceCatalogueTest {

    @Test
    void theShippedCatalogueRunsUserServiceWithRestAndGrpcOnOnePort() {
        ServiceCatalogue catalogue = ServiceCatalogue.load();

        assertEquals(new ServiceDefinition("user-service", 8081, OptionalInt.empty(), Optional.of("users")),
                catalogue.find("user-service").orElseThrow());
    }

    @Test
    void keepsTheListedOrderBecauseThatIsTheStartOrder() throws IOException {
        ServiceCatalogue catalogue = parse("""
                services = user-service, order-service
                order-service.http-port=8082
                order-service.grpc-port=9082
                order-service.database=orders
                user-service.http-port=8081
                user-service.database=users
                """);

        assertEquals(List.of("user-service", "order-service"), catalogue.names());
        assertEquals(new ServiceDefinition("order-service", 8082, OptionalInt.of(9082), Optional.of("orders")), catalogue.services().get(1));
    }

    @Test
    void gRpcUsesTheHttpPortUnlessASeparatePortIsGiven() throws IOException {
        ServiceCatalogue catalogue = parse("""
                services=user-service
                user-service.http-port=8081
                user-service.database=users
                """);

        ServiceDefinition userService = catalogue.services().get(0);
        assertTrue(userService.grpcPort().isEmpty());
        assertEquals(8081, userService.grpcEndpointPort());
    }

    @Test
    void namesTheMissingKey() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> parse("""
                services=user-service
                user-service.database=users
                """));

        assertTrue(failure.getMessage().contains("'user-service.http-port'"), failure.getMessage());
    }

    @Test
    void aServiceWithoutStateHasNoDatabase() throws IOException {
        ServiceCatalogue catalogue = parse("""
                services=payment-provider
                payment-provider.http-port=8090
                """);

        assertTrue(catalogue.services().get(0).database().isEmpty());
    }

    @Test
    void refusesPortsThatAreNotPorts() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> parse("""
                services=user-service
                user-service.http-port=80811
                user-service.grpc-port=9081
                user-service.database=users
                """));

        assertTrue(failure.getMessage().contains("'user-service.http-port' must be a port number, got '80811'"), failure.getMessage());
    }

    @Test
    void findsNothingForAnUnknownService() {
        assertTrue(ServiceCatalogue.load().find("billing-service").isEmpty());
    }

    @Test
    void aServiceLivesInItsModuleUnderServices() {
        ServiceDefinition service = new ServiceDefinition("user-service", 8081, OptionalInt.empty(), Optional.of("users"));

        assertEquals("services/user-service", service.modulePath());
        assertEquals(Path.of("/repo/services/user-service/target/quarkus-app/quarkus-run.jar"), service.runnerJar(Path.of("/repo")));
    }

    private static ServiceCatalogue parse(String text) throws IOException {
        return ServiceCatalogue.parse(new StringReader(text));
    }
}
