package io.shopflow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void defaultsToAutomaticChoiceAndTheConventionalLocalServer() {
        PostgresSettings settings = PostgresSettings.from(name -> null);

        assertEquals(PostgresSettings.Mode.AUTO, settings.mode());
        assertTrue(settings.configuredServer().isEmpty());
        assertEquals(new PostgresCoordinates("127.0.0.1", 5432, "postgres", "postgres"), settings.localServer());
    }

    @Test
    void aPortAloneConfiguresALocalServerOnThatPort() {
        PostgresSettings settings = PostgresSettings.from(Map.of("SHOPFLOW_PG_PORT", "5433")::get);

        assertEquals(new PostgresCoordinates("127.0.0.1", 5433, "postgres", "postgres"), settings.configuredServer().orElseThrow());
    }

    @Test
    void readsModeAndWorkDirectory() {
        PostgresSettings settings = PostgresSettings.from(
                Map.of("SHOPFLOW_PG_MODE", "Embedded", "SHOPFLOW_PG_WORKDIR", "/var/tmp/pg")::get);

        assertEquals(PostgresSettings.Mode.EMBEDDED, settings.mode());
        assertEquals(Path.of("/var/tmp/pg"), settings.embeddedWorkDir());
    }

    @Test
    void explainsValuesItCannotUse() {
        IllegalArgumentException badPort = assertThrows(IllegalArgumentException.class,
                () -> PostgresSettings.from(Map.of("SHOPFLOW_PG_PORT", "fivefourthreetwo")::get));
        IllegalArgumentException badMode = assertThrows(IllegalArgumentException.class,
                () -> PostgresSettings.from(Map.of("SHOPFLOW_PG_MODE", "docker")::get));

        assertTrue(badPort.getMessage().contains("SHOPFLOW_PG_PORT"), badPort.getMessage());
        assertTrue(badMode.getMessage().contains("auto, server, embedded"), badMode.getMessage());
    }

    @Test
    void systemPropertyNamesMirrorTheEnvironmentVariables() {
        assertEquals("shopflow.pg.host", PostgresSettings.propertyName("SHOPFLOW_PG_HOST"));
        assertEquals("shopflow.pg.password", PostgresSettings.propertyName("SHOPFLOW_PG_PASSWORD"));
    }
}
