package io.shopflow.benchmarks;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an action at a steady rate for a while. Each run is due at start + n × interval, so a slow run is caught
 * up by the next ones instead of lowering the rate (an open workload, like independent requests).
 */
final class FixedRate {

    private FixedRate() {
    }

    /** Calls {@code action} with 0, 1, 2, ... at {@code perSecond} for {@code duration}; returns how many ran. */
    static int run(int perSecond, Duration duration, IntAction action) throws Exception {
        long interval = interval(perSecond);
        int count = count(perSecond, duration);
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            long due = start + n * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            action.run(n);
        }
        return count;
    }

    /** How many runs {@link #run} makes. */
    static int count(int perSecond, Duration duration) {
        return (int) (duration.toNanos() / interval(perSecond));
    }

    private static long interval(int perSecond) {
        return Duration.ofSeconds(1).toNanos() / perSecond;
    }

    @FunctionalInterface
    interface IntAction {
        void run(int n) throws Exception;
    }
}
