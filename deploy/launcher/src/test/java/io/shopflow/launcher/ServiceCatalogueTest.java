package io.shopflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ServiceCatalogueTest {

    /** The launcher module's tests run in deploy/launcher. */
    private static final Path PROJECT_ROOT = Path.of("../..");

    @Test
    void theShippedCatalogueRunsUserServiceWithGrpcOnAPortOfItsOwn() {
        ServiceCatalogue catalogue = ServiceCatalogue.load();

        assertEquals(new ServiceDefinition("user-service", 8081, 9181, OptionalInt.of(9081), Optional.of("users")),
                catalogue.find("user-service").orElseThrow());
    }

    @Test
    void keepsTheListedOrderBecauseThatIsTheStartOrder() throws IOException {
        ServiceCatalogue catalogue = parse("""
                services = user-service, order-service
                order-service.http-port=8082
                order-service.management-port=9182
                order-service.grpc-port=9082
                order-service.database=orders
                user-service.http-port=8081
                user-service.management-port=9181
                user-service.database=users
                """);

        assertEquals(List.of("user-service", "order-service"), catalogue.names());
        assertEquals(new ServiceDefinition("order-service", 8082, 9182, OptionalInt.of(9082), Optional.of("orders")), catalogue.services().get(1));
    }

    @Test
    void aServiceWithoutAGrpcPortHasNoGrpcApi() throws IOException {
        ServiceCatalogue catalogue = parse("""
                services=user-service
                user-service.http-port=8081
                user-service.management-port=9181
                user-service.database=users
                """);

        ServiceDefinition userService = catalogue.services().get(0);
        assertTrue(userService.grpcPort().isEmpty());
    }

    /** A gRPC port for each service with a gRPC API, and none for the others: the banner lists what answers. */
    @Test
    void exactlyTheServicesWithAGrpcApiHaveAGrpcPort() throws IOException {
        for (ServiceDefinition service : ServiceCatalogue.load().services()) {
            boolean servesGrpc;
            try (var sources = Files.walk(PROJECT_ROOT.resolve(service.modulePath()).resolve("src/main/java"))) {
                servesGrpc = sources.filter(file -> file.toString().endsWith(".java")).anyMatch(file -> {
                    try {
                        return Files.readString(file).contains("@GrpcService");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            assertEquals(servesGrpc, service.grpcPort().isPresent(), service.name());
        }
    }

    @Test
    void namesTheMissingKey() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> parse("""
                services=user-service
                user-service.database=users
                """));

        assertTrue(failure.getMessage().contains("'shopflow.topology.user-service.http-port'"), failure.getMessage());
    }

    @Test
    void aServiceWithoutStateHasNoDatabase() throws IOException {
        ServiceCatalogue catalogue = parse("""
                services=payment-provider
                payment-provider.http-port=8090
                payment-provider.management-port=9190
                """);

        assertTrue(catalogue.services().get(0).database().isEmpty());
    }

    @Test
    void refusesPortsThatAreNotPorts() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> parse("""
                services=user-service
                user-service.http-port=80811
                user-service.management-port=9181
                user-service.grpc-port=9081
                user-service.database=users
                """));

        assertTrue(failure.getMessage().contains("'shopflow.topology.user-service.http-port' must be a port number, got '80811'"), failure.getMessage());
    }

    @Test
    void findsNothingForAnUnknownService() {
        assertTrue(ServiceCatalogue.load().find("billing-service").isEmpty());
    }

    @Test
    void aServiceLivesInItsModuleUnderServices() {
        ServiceDefinition service = new ServiceDefinition("user-service", 8081, 9181, OptionalInt.empty(), Optional.of("users"));

        assertEquals("services/user-service", service.modulePath());
        assertEquals(Path.of("/repo/services/user-service/target/quarkus-app/quarkus-run.jar"), service.runnerJar(Path.of("/repo")));
    }

    /** A catalogue as {@code Topology.load()} gives it: keys without their prefix. */
    private static ServiceCatalogue parse(String text) throws IOException {
        var properties = new Properties();
        properties.load(new StringReader(text));
        return ServiceCatalogue.parse(properties);
    }
}
