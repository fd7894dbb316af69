package io.shopflow.infra;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the INFO chatter of the Kafka broker (hundreds of lines per start) and of the embedded PostgreSQL
 * wrapper down to warnings, so the output of a test run or of the launcher stays readable.
 *
 * <p>Both log through SLF4J. In a Quarkus test JVM and in the launcher SLF4J ends in the JBoss LogManager,
 * which is also the {@code java.util.logging} manager there, so levels set through the JUL API take effect.
 * The loggers are kept in a static field because JUL holds loggers weakly and would forget a level set on
 * a logger that got garbage-collected. Note {@code org.apache.kafka} also covers Kafka clients in the same JVM.
 */
final class InfraLogging {

    private static final List<Logger> NOISY_LOGGERS = List.of(
            Logger.getLogger("kafka"),
            Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger"),
            Logger.getLogger("io.zonky.test.db.postgres"));

    private InfraLogging() {
    }

    /** Changes only loggers without a level of their own: a level someone chose on purpose is kept. */
    static void quiet() {
        NOISY_LOGGERS.stream()
                .filter(logger -> logger.getLevel() == null)
                .forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
