package io.shopflow.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * What has been started so far, stopped all at once, exactly once: on Ctrl-C or SIGTERM (from the moment the
 * infrastructure is up, so a stop while services are still starting leaves none behind), at the end of a test or on a
 * failed start.
 */
final class RunningPlatform implements AutoCloseable {

    private final Infrastructure infrastructure;
    private final Duration stopGrace;
    private final boolean dropDatabasesOnStop;
    private final PrintStream out;
    private final Deque<ServiceProcess> services = new ArrayDeque<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The services are processes of their own, which would otherwise outlive the launcher and hold their ports. */
    private final Thread stopOnExit = new Thread(this::close, "shopflow-platform-stop");

    RunningPlatform(Infrastructure infrastructure, Duration stopGrace, boolean dropDatabasesOnStop, PrintStream out) {
        this.infrastructure = infrastructure;
        this.stopGrace = stopGrace;
        this.dropDatabasesOnStop = dropDatabasesOnStop;
        this.out = out;
        Runtime.getRuntime().addShutdownHook(stopOnExit);
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

    /** Takes {@code service} in, or stops it at once if the platform is already stopping. */
    synchronized void add(ServiceProcess service) {
        if (closing.get()) {
            service.stop(stopGrace);
            throw new LaunchException("Stopped while " + service.service().name() + " was starting");
        }
        services.push(service);
        watch(service);
    }

    /**
     * Stops these services all at once and lets them go, giving each {@code grace} to end by itself (a start-up
     * archive being written at exit), then {@code ended} with whether it did, rather than being killed. No longer part
     * of the platform, their ends are no surprise to report.
     */
    void retire(List<ServiceProcess> retiring, Duration grace, BiConsumer<ServiceProcess, Boolean> ended) {
        synchronized (this) {
            services.removeAll(retiring);
        }
        retiring.stream().map(service -> inThreadOf(service, () -> ended.accept(service, service.stop(grace))))
                .toList().forEach(CompletableFuture::join);
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
            if (!closing.get() && !service.killed() && isPart(service)) {
                out.printf("%n!! %s stopped by itself (exit code %d); its log: %s%n",
                        service.service().name(), service.exitCode(), service.logFile());
            }
        });
    }

    private synchronized boolean isPart(ServiceProcess service) {
        return services.contains(service);
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        out.println();
        out.println("Stopping the platform");
        long started = System.nanoTime();
        List<ServiceProcess> stopping;
        synchronized (this) { // after any add() in progress: what it adds from now on it stops itself
            stopping = new ArrayList<>(services);
            services.clear();
        }
        // All at once: each service's graceful shutdown (Kafka consumers leaving their groups, the relay's last
        // batch) takes seconds that would add up one after another; each depends only on Kafka and PostgreSQL,
        // which stop after every service has.
        stopping.stream().map(service -> inThreadOf(service, () -> stop(service))).toList()
                .forEach(CompletableFuture::join);
        infrastructure.close();
        out.println("  Kafka stopped" + (infrastructure.postgres().isEmbedded() ? ", embedded PostgreSQL stopped" : ""));
        out.println("Stopped in " + Durations.since(started));
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // close() is running as that hook: the JVM is already on its way out.
        }
    }

    private void stop(ServiceProcess service) {
        service.stop(stopGrace);
        out.printf("  %s stopped%n", service.service().name());
        if (dropDatabasesOnStop) {
            try {
                infrastructure.dropDatabase(service.service());
            } catch (RuntimeException e) {
                // Reported, not thrown: the other services and Kafka must still be stopped.
                out.printf("  %s's database was not dropped: %s%n", service.service().name(), e.getMessage());
            }
        }
    }

    /**
     * A thread of its own for each service's stop, not a shared pool: on two cores the common pool runs one task at a
     * time, and each stop is mostly waiting for a process to end.
     */
    private static CompletableFuture<Void> inThreadOf(ServiceProcess service, Runnable stop) {
        return CompletableFuture.runAsync(stop, command -> new Thread(command, "stop-" + service.service().name()).start());
    }
}
