package io.shopflow.launcher;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.shopflow.infra.PostgresCoordinates;
import io.shopflow.infra.TokenKeys;

/**
 * The environment a service process gets. Environment variables are the one configuration channel that works the
 * same for a packaged jar, for dev mode and in Kubernetes, and they override application.properties.
 */
final class ServiceEnvironment {

    /** The one interface the services listen on locally. */
    static final String LOOPBACK = "127.0.0.1";

    private ServiceEnvironment() {
    }

    static Map<String, String> of(ServiceDefinition service, String kafkaBootstrapServers, PostgresCoordinates postgres,
                                  TokenKeys tokenKeys) {
        Map<String, String> env = new LinkedHashMap<>();
        service.database().ifPresent(database -> {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        });
        // People read these logs in a terminal: plain lines (ids included), not the JSON a container writes.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(service.httpPort()));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(service.managementPort()));
        // Only this machine reaches the services, none of which asks who calls but the gateway (which is reached as
        // localhost too); a container or a pod binds all interfaces (Quarkus' production default).
        env.put("QUARKUS_HTTP_HOST", LOOPBACK);
        env.put("QUARKUS_MANAGEMENT_HOST", LOOPBACK);
        service.grpcPort().ifPresent(port -> {
            env.put("QUARKUS_GRPC_SERVER_PORT", String.valueOf(port));
            env.put("QUARKUS_GRPC_SERVER_HOST", LOOPBACK);
        });
        // Only the api-gateway reads these (it verifies tokens and mints development ones); the rest ignore them.
        tokenKeys.gatewaySettings().forEach((key, value) -> env.put(environmentName(key), value));
        return env;
    }

    /** The environment variable that sets a configuration key (MicroProfile Config's rule). */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
