package io.shopflow.events.testing;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Listens, while open, for Quarkus' OpenTelemetry context storage reporting a scope closed while another context was
 * current ("Context in storage not the expected context, Scope.close was not called correctly", at INFO): a tracing
 * scope left open, after which spans can get the wrong parent. Whatever level the service's configuration gives that
 * logger, the reports reach this listener.
 */
public final class LeakedScopes implements AutoCloseable {

    /** What each report says, in a service's log as here. */
    public static final String REPORT = "Scope.close was not called correctly";
    private static final Logger STORAGE = Logger.getLogger("io.quarkus.opentelemetry.runtime.QuarkusContextStorage");

    private final Queue<String> reports = new ConcurrentLinkedQueue<>();
    private final Level levelBefore = STORAGE.getLevel();
    private final Handler listener = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = String.valueOf(record.getMessage());
            if (message.contains(REPORT)) {
                reports.add(message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LeakedScopes() {
        STORAGE.setLevel(Level.ALL);
        STORAGE.addHandler(listener);
    }

    /** Starts listening; close to stop. */
    public static LeakedScopes listen() {
        return new LeakedScopes();
    }

    /** The reports so far. */
    public List<String> reports() {
        return List.copyOf(reports);
    }

    @Override
    public void close() {
        STORAGE.removeHandler(listener);
        STORAGE.setLevel(levelBefore);
    }
}
