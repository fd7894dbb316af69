package io.shopflow.launcher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Asks the process and everything it spawned to stop (SIGTERM, so Quarkus shuts down gracefully), and kills
     * whatever is still alive after the grace period. Descendants matter: Maven runs dev mode in a child JVM.
     *
     * @return whether the process ended by itself within the grace period, rather than killed
     */
    static boolean stop(Process process, Duration grace) {
        List<ProcessHandle> family = process.descendants().toList();
        family.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            boolean ended = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                family.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            for (ProcessHandle member : family) {
                member.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
            return ended;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception stillAlive) {
            family.forEach(ProcessHandle::destroyForcibly);
        }
        return false;
    }
}
