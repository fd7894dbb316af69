package io.shopflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ServiceCatalogueTest {

    /** The launcher module's tests run in deploy/launcher. */
    private static final Path PROJECT_ROOT = Path.of("../..");
    /** Tests' ports are the running service's plus this (services.properties' port scheme). */
    private static final int TEST_PORT_OFFSET = 10000;

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

    @Test
    void theShippedPortsFollowTheSchemeSoNoneCollides() {
        var ports = new ArrayList<Integer>();
        for (ServiceDefinition service : ServiceCatalogue.load().services()) {
            assertEquals(service.httpPort() + 1100, service.managementPort(), service.name());
            int grpc = service.grpcPort().orElse(service.httpPort() + 1000);
            assertEquals(service.httpPort() + 1000, grpc, service.name() + ": gRPC (reserved where unused)");
            for (int port : new int[] {service.httpPort(), service.managementPort(), grpc}) {
                ports.add(port);
                ports.add(port + TEST_PORT_OFFSET);
            }
        }
        assertEquals(ports.size(), new HashSet<>(ports).size(), "a port taken twice: " + ports);
    }

    /** A service started on its own (its tests, a container, a pod) listens where the catalogue says. */
    @Test
    void everyServiceConfiguresTheCataloguesPortsForItselfAndItsTests() throws IOException {
        for (ServiceDefinition service : ServiceCatalogue.load().services()) {
            var properties = new Properties();
            try (var in = Files.newBufferedReader(PROJECT_ROOT.resolve(service.modulePath())
                    .resolve("src/main/resources/application.properties"))) {
                properties.load(in);
            }
            assertEquals(String.valueOf(service.httpPort()), properties.getProperty("quarkus.http.port"), service.name());
            assertEquals(String.valueOf(service.managementPort()), properties.getProperty("quarkus.management.port"),
                    service.name());
            assertEquals("true", properties.getProperty("quarkus.management.enabled"), service.name());
            assertEquals(String.valueOf(service.httpPort() + TEST_PORT_OFFSET),
                    properties.getProperty("%test.quarkus.http.test-port"), service.name());
            assertEquals(String.valueOf(service.managementPort() + TEST_PORT_OFFSET),
                    properties.getProperty("%test.quarkus.management.test-port"), service.name());
            String grpcPort = service.grpcPort().isPresent() ? String.valueOf(service.grpcPort().getAsInt()) : null;
            String grpcTestPort = service.grpcPort().isPresent()
                    ? String.valueOf(service.grpcPort().getAsInt() + TEST_PORT_OFFSET) : null;
            assertEquals(grpcPort, properties.getProperty("quarkus.grpc.server.port"), service.name());
            assertEquals(grpcTestPort, properties.getProperty("%test.quarkus.grpc.server.test-port"), service.name());
            if (service.grpcPort().isPresent()) {
                assertEquals("true", properties.getProperty("quarkus.grpc.server.use-separate-server"), service.name());
            }
        }
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

        assertTrue(failure.getMessage().contains("'user-service.http-port'"), failure.getMessage());
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

        assertTrue(failure.getMessage().contains("'user-service.http-port' must be a port number, got '80811'"), failure.getMessage());
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

    private static ServiceCatalogue parse(String text) throws IOException {
        return ServiceCatalogue.parse(new StringReader(text));
    }
}
