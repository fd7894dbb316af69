package io.shopflow.launcher;

import java.time.Duration;

final class Durations {

    private Durations() {
    }

    /** "1.3s" for the time elapsed since a {@link System#nanoTime()} reading. */
    static String since(long startNanos) {
        return String.format("%.1fs", Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0);
    }
}
