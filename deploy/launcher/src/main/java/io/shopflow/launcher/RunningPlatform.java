package io.shopflow.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/** What {@code up} has started so far, stopped in reverse order exactly once: on Ctrl-C or on a failed start. */
final class RunningPlatform implements AutoCloseable {

    private final Infrastructure infrastructure;
    private final Duration stopGrace;
    private final PrintStream out;
    private final Deque<ServiceProcess> services = new ArrayDeque<>();
    private final AtomicBoolean closing = new AtomicBoolean();

    RunningPlatform(Infrastructure infrastructure, Duration stopGrace, PrintStream out) {
        this.infrastructure = infrastructure;
        this.stopGrace = stopGrace;
        this.out = out;
    }

    synchronized void add(ServiceProcess service) {
        services.push(service);
        service.onExit(() -> {
            if (!closing.get()) {
                out.printf("%n!! %s stopped by itself (exit code %d); its log: %s%n",
                        service.service().name(), service.exitCode(), service.logFile());
            }
        });
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        out.println();
        out.println("Stopping the platform");
        synchronized (this) {
            while (!services.isEmpty()) {
                ServiceProcess service = services.pop();
                service.stop(stopGrace);
                out.printf("  %s stopped%n", service.service().name());
            }
        }
        infrastructure.close();
        out.println("  Kafka stopped" + (infrastructure.postgres().isEmbedded() ? ", embedded PostgreSQL stopped" : ""));
    }
}
