package io.shopflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.shopflow.infra.PostgresCoordinates;
import io.shopflow.infra.TokenKeys;

class ServiceEnvironmentTest {

    private static final PostgresCoordinates POSTGRES = new PostgresCoordinates("127.0.0.1", 5432, "postgres", "secret");
    private static final TokenKeys TOKEN_KEYS = TokenKeys.generate();

    @AfterAll
    static void deleteTheKeys() {
        TOKEN_KEYS.close();
    }

    /**
     * {@code expected} plus what every service gets: the token key settings (read by the api-gateway), plain
     * logs for a terminal, and both its servers on the loopback interface only.
     */
    private static Map<String, String> withSharedSettings(Map<String, String> expected) {
        var all = new HashMap<>(expected);
        all.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        all.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        all.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        all.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TOKEN_KEYS.gatewaySettings().get("mp.jwt.verify.publickey.location"));
        all.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", TOKEN_KEYS.gatewaySettings().get("smallrye.jwt.sign.key.location"));
        all.put("SHOPFLOW_GATEWAY_DEV_TOKENS_ENABLED", "true");
        return all;
    }

    @Test
    void pointsTheServiceAtItsOwnDatabaseTheBrokerAndItsPorts() {
        ServiceDefinition orderService = new ServiceDefinition("order-service", 8082, 9182, OptionalInt.of(9082), Optional.of("orders"));

        Map<String, String> env = ServiceEnvironment.of(orderService, "127.0.0.1:40123", POSTGRES, TOKEN_KEYS);

        assertEquals(withSharedSettings(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/orders",
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/orders",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "secret",
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:40123",
                "QUARKUS_HTTP_PORT", "8082",
                "QUARKUS_MANAGEMENT_PORT", "9182",
                "QUARKUS_GRPC_SERVER_PORT", "9082",
                "QUARKUS_GRPC_SERVER_HOST", "127.0.0.1")), env);
    }

    @Test
    void setsNoGrpcPortForAServiceWithoutAGrpcApi() {
        ServiceDefinition userService = new ServiceDefinition("user-service", 8081, 9181, OptionalInt.empty(), Optional.of("users"));

        Map<String, String> env = ServiceEnvironment.of(userService, "127.0.0.1:40123", POSTGRES, TOKEN_KEYS);

        assertEquals(withSharedSettings(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/users",
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/users",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "secret",
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:40123",
                "QUARKUS_HTTP_PORT", "8081",
                "QUARKUS_MANAGEMENT_PORT", "9181")), env);
    }
}
