package io.shopflow.launcher;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One service as the launcher knows it: where its module lives, which ports it serves and which database it owns.
 *
 * @param managementPort its management interface: health, metrics, OpenAPI, Swagger UI
 * @param grpcPort its gRPC server's port (a server of its own, decision 0003); empty for a service with no gRPC API
 * @param database the service's own database; empty for a service that keeps no state (the payment provider
 *                 simulator)
 */
record ServiceDefinition(String name, int httpPort, int managementPort, OptionalInt grpcPort, Optional<String> database) {

    private static final String SERVICES_DIR = "services";

    /** The same service with its database renamed {@code prefix + database}: throwaway databases for a test. */
    ServiceDefinition withDatabasePrefix(String prefix) {
        return new ServiceDefinition(name, httpPort, managementPort, grpcPort, database.map(name -> prefix + name));
    }

    /** The Maven module, relative to the project root, as {@code -pl} wants it. */
    String modulePath() {
        return SERVICES_DIR + "/" + name;
    }

    /** What {@code ./mvnw package} leaves behind for a Quarkus app (the fast-jar layout). */
    Path runnerJar(Path projectRoot) {
        return projectRoot.resolve(modulePath()).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
