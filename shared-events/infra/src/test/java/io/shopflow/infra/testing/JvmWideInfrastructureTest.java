package io.shopflow.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus loads test resources in a new class loader for every application it starts. This plays that: the
 * resources are loaded a second time, in an isolated class loader, after this one started the servers.
 */
class JvmWideInfrastructureTest {

    @Test
    void aSecondClassLoaderReusesTheBrokerAndCanCreateDatabases() throws Exception {
        String bootstrapServers = new KafkaTestResource().start().get("kafka.bootstrap.servers");
        JvmWideInfrastructure.postgres();

        try (URLClassLoader isolated = new URLClassLoader(testClasspath(), ClassLoader.getPlatformClassLoader())) {
            assertNotSame(KafkaTestResource.class, isolated.loadClass(KafkaTestResource.class.getName()));

            Map<String, String> kafkaConfig = start(isolated, KafkaTestResource.class, Map.of());
            assertEquals(bootstrapServers, kafkaConfig.get("kafka.bootstrap.servers"), "no second broker");

            Object postgresResource = newInstance(isolated, PostgresTestResource.class);
            Class<?> resourceType = postgresResource.getClass();
            resourceType.getMethod("init", Map.class).invoke(postgresResource, Map.of("database", "isolated"));
            @SuppressWarnings("unchecked")
            Map<String, String> postgresConfig = (Map<String, String>) resourceType.getMethod("start").invoke(postgresResource);
            String database = databaseOf(postgresConfig.get("quarkus.datasource.jdbc.url"));
            assertTrue(JvmWideInfrastructure.postgres().databaseExists(database), database);

            resourceType.getMethod("stop").invoke(postgresResource);
            assertFalse(JvmWideInfrastructure.postgres().databaseExists(database), database);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> start(ClassLoader loader, Class<? extends QuarkusTestResourceLifecycleManager> type,
            Map<String, String> initArgs) throws Exception {
        Object resource = newInstance(loader, type);
        resource.getClass().getMethod("init", Map.class).invoke(resource, initArgs);
        return (Map<String, String>) resource.getClass().getMethod("start").invoke(resource);
    }

    private static Object newInstance(ClassLoader loader, Class<?> type) throws Exception {
        return loader.loadClass(type.getName()).getConstructor().newInstance();
    }

    private static URL[] testClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
    }

    private static String databaseOf(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }
}
