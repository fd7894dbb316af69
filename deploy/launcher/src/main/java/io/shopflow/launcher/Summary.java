package io.shopflow.launcher;

import java.nio.file.Path;
import java.util.List;

/** The text {@code up} prints once everything runs: where to reach each service and the infrastructure. */
final class Summary {

    private static final String ROW = "    %-11s %s%n";
    /** The service that serves the web console, at /console/. */
    private static final String GATEWAY = "api-gateway";

    private Summary() {
    }

    /** @param postgres the server's own description, e.g. "PostgreSQL postgres@127.0.0.1:5432 (local server)" */
    static String of(List<ServiceProcess> running, String kafkaBootstrapServers, String postgres) {
        StringBuilder text = new StringBuilder("\nShopflow is up.\n\n");
        text.append(console(running.stream().map(ServiceProcess::service).toList()));
        running.forEach(process -> text.append(process.inDevMode() ? devMode(process.service()) : "")
                .append(service(process.service(), process.logFile())));
        text.append("  Kafka bootstrap servers ").append(kafkaBootstrapServers).append('\n');
        text.append("  ").append(postgres).append('\n');
        return text.toString();
    }

    /** Where to watch orders flow, when the gateway that serves the console runs; nothing otherwise. */
    static String console(List<ServiceDefinition> services) {
        return services.stream().filter(service -> service.name().equals(GATEWAY)).findFirst()
                .map(gateway -> "  Console: http://localhost:" + gateway.httpPort() + "/console/ (sign in, place an "
                        + "order, watch the saga)\n\n")
                .orElse("");
    }

    /** Above a service's block when it runs in Quarkus dev mode. */
    static String devMode(ServiceDefinition service) {
        return "  " + service.name() + " runs in dev mode: edits to its code are live on its next request; Dev UI at "
                + "http://localhost:" + service.httpPort() + "/q/dev-ui\n";
    }

    static String service(ServiceDefinition service, Path logFile) {
        String http = "http://localhost:" + service.httpPort();
        String management = "http://localhost:" + service.managementPort();
        return "  " + service.name() + "\n"
                + String.format(ROW, "HTTP", http)
                + (service.grpcPort().isPresent() ? String.format(ROW, "gRPC", "localhost:" + service.grpcPort().getAsInt())
                        : "")
                + String.format(ROW, "Health", management + "/q/health")
                + String.format(ROW, "Metrics", management + "/q/metrics")
                + String.format(ROW, "OpenAPI", management + "/q/openapi")
                + String.format(ROW, "Swagger UI", management + "/q/swagger-ui")
                + String.format(ROW, "Database", service.database().orElse("none"))
                + String.format(ROW, "Log", logFile)
                + "\n";
    }
}
