package io.shopflow.events.quarkus;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Work that a consumer's commits wake (mailing notifications, charging payments), run one at a time: every wake-up
 * that came before a run started is served by that run, and those that came during it by one run more. Run per
 * wake-up instead, each event would cost the work its own claiming and marking transactions, and under load the
 * runs would compete for the same rows. Mutiny has no operator for this (a Multi of wake-ups would keep each one);
 * it is a counter.
 */
public final class CoalescedWork {

    private static final Logger LOG = Logger.getLogger(CoalescedWork.class);

    private final String name;
    private final Duration gatherFor;
    private final Supplier<Uni<Boolean>> run;
    /** Wake-ups not yet served; a run is under way (or gathering) while it is above zero. */
    private final AtomicInteger wakeUps = new AtomicInteger();

    /**
     * @param name      what the work is, for the log
     * @param gatherFor how long the first wake-up waits for others before its run (zero: none)
     * @param run       one run; its item says whether more may be waiting (it took a full batch), for one run more
     */
    public CoalescedWork(String name, Duration gatherFor, Supplier<Uni<Boolean>> run) {
        this.name = name;
        this.gatherFor = gatherFor;
        this.run = run;
    }

    /** Starts a run unless one is under way, without making the caller wait. */
    public void wake() {
        if (wakeUps.getAndIncrement() == 0) {
            if (gatherFor.isZero()) {
                runNow();
            } else {
                Uni.createFrom().voidItem().onItem().delayIt().by(gatherFor).subscribe().with(gathered -> runNow());
            }
        }
    }

    private void runNow() {
        int serving = wakeUps.get();
        Uni.createFrom().deferred(run::get).subscribe().with(
                more -> ran(serving, more),
                failure -> {
                    LOG.warnf(failure, "%s failed; the next wake-up or sweep tries again", name);
                    ran(serving, false);
                });
    }

    private void ran(int served, boolean more) {
        if (more) {
            wakeUps.incrementAndGet();
        }
        if (wakeUps.addAndGet(-served) > 0) {
            runNow();
        }
    }
}
