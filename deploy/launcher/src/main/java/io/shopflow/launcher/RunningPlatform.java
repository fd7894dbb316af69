package io.shopflow.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** What has been started so far, stopped in reverse order exactly once: on Ctrl-C, at the end of a test or on a failed start. */
final class RunningPlatform implements AutoCloseable {

    private final Infrastructure infrastructure;
    private final Duration stopGrace;
    private final boolean dropDatabasesOnStop;
    private final PrintStream out;
    private final Deque<ServiceProcess> services = new ArrayDeque<>();
    private final AtomicBoolean closing = new AtomicBoolean();

    RunningPlatform(Infrastructure infrastructure, Duration stopGrace, boolean dropDatabasesOnStop, PrintStream out) {
        this.infrastructure = infrastructure;
        this.stopGrace = stopGrace;
        this.dropDatabasesOnStop = dropDatabasesOnStop;
        this.out = out;
    }

    /** In the order they were started. */
    synchronized List<ServiceProcess> services() {
        List<ServiceProcess> inStartOrder = new ArrayList<>(services);
        Collections.reverse(inStartOrder);
        return inStartOrder;
    }

    Infrastructure infrastructure() {
        return infrastructure;
    }

    synchronized void add(ServiceProcess service) {
        services.push(service);
        watch(service);
    }

    /** Kills the service (see {@link ServiceProcess#kill}) and starts it again once it is gone; returns when ready. */
    void killAndRestart(String name, Duration readyTimeout) throws InterruptedException {
        ServiceProcess killed = service(name);
        killed.kill();
        ServiceProcess restarted = killed.startAgain();
        synchronized (this) {
            List<ServiceProcess> newestFirst = new ArrayList<>(services);
            newestFirst.set(newestFirst.indexOf(killed), restarted);
            services.clear();
            services.addAll(newestFirst);
        }
        watch(restarted);
        restarted.awaitReady(readyTimeout);
    }

    synchronized ServiceProcess service(String name) {
        return services.stream().filter(process -> process.service().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name + " in the platform"));
    }

    private void watch(ServiceProcess service) {
        service.onExit(() -> {
            if (!closing.get() && !service.killed()) {
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
                if (dropDatabasesOnStop) {
                    infrastructure.dropDatabase(service.service());
                }
            }
        }
        infrastructure.close();
        out.println("  Kafka stopped" + (infrastructure.postgres().isEmbedded() ? ", embedded PostgreSQL stopped" : ""));
    }
}
