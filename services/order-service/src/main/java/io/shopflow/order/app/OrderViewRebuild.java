package io.shopflow.order.app;

import io.shopflow.order.config.OrderServiceConfig;
import io.shopflow.order.domain.OrderProblems;
import io.shopflow.order.persistence.OrderStore;
import io.shopflow.order.persistence.OrderViewRebuilds;
import io.shopflow.order.persistence.OrderViewRebuilds.Progress;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Rebuilds the orders read model from the event store while the service runs, for after a bug wrote wrong rows
 * or rows went missing. It walks every order's stream a page at a time and, in each page's transaction, locks the
 * page's orders as the saga does and rewrites the rows that differ from what the events say; at the end it deletes
 * rows of orders that have no events. The model is repaired in place, never emptied and refilled, so readers see
 * each row either as it was or as rebuilt, and the saga goes on (it waits for at most one page's locks). Orders
 * placed during the walk need no rebuilding: their row is written with their events. Any run ends with the same
 * model, so a rebuild interrupted by a crash is simply started again.
 */
@ApplicationScoped
public class OrderViewRebuild {

    private static final Logger LOG = Logger.getLogger(OrderViewRebuild.class);

    private final Pool pool;
    private final OrderStore orders;
    private final OrderViewRebuilds rebuilds;
    private final OrderServiceConfig.ViewRebuild config;

    public OrderViewRebuild(Pool pool, OrderStore orders, OrderViewRebuilds rebuilds, OrderServiceConfig config) {
        this.pool = pool;
        this.orders = orders;
        this.rebuilds = rebuilds;
        this.config = config.viewRebuild();
    }

    /**
     * Starts a rebuild, which goes on in the background; its progress as it starts.
     *
     * @throws OrderProblems.ViewRebuildRunning (as the failure) when one is running, here or in another replica
     */
    public Uni<Progress> start() {
        return pool.withTransaction(tx -> orders.countOrders()
                        .flatMap(total -> rebuilds.start(tx, total, config.staleAfter())))
                .map(started -> started.orElseThrow(OrderProblems.ViewRebuildRunning::new))
                .invoke(progress -> {
                    LOG.infof("Rebuilding the orders read model from %d orders' events (rebuild %s)",
                            progress.ordersTotal(), progress.id());
                    walkFrom(progress.id(), "").subscribe().with(
                            finished -> { },
                            failure -> {
                                LOG.errorf(failure, "Rebuild %s of the orders read model failed", progress.id());
                                rebuilds.failed(progress.id(), String.valueOf(failure.getMessage()))
                                        .subscribe().with(done -> { }, e -> LOG.warn("Could not record it", e));
                            });
                });
    }

    /** The latest rebuild as far as it got. */
    public Uni<Progress> latest() {
        return rebuilds.latest(config.staleAfter()).map(latest -> latest.orElseThrow(OrderProblems.NoViewRebuild::new));
    }

    /** Rebuilds the page after {@code afterId}, then the next, until none is left; then removes the strays. */
    private Uni<Void> walkFrom(UUID rebuild, String afterId) {
        return orders.orderIds(afterId, config.pageSize()).flatMap(page -> page.isEmpty()
                ? finish(rebuild)
                : rebuildPage(rebuild, page).flatMap(goOn -> goOn
                        ? walkFrom(rebuild, page.get(page.size() - 1))
                        : stopped(rebuild)));
    }

    private Uni<Boolean> rebuildPage(UUID rebuild, List<String> page) {
        return pool.withTransaction(tx -> orders.rebuildViews(tx, page)
                .flatMap(written -> rebuilds.pageDone(tx, rebuild, page.size(), written, page.get(page.size() - 1))));
    }

    private Uni<Void> finish(UUID rebuild) {
        return pool.withTransaction(tx -> orders.removeViewsWithoutEvents(tx)
                        .flatMap(removed -> rebuilds.finished(tx, rebuild, removed)))
                .flatMap(finished -> {
                    if (!finished) {
                        return stopped(rebuild);
                    }
                    LOG.infof("Rebuild %s of the orders read model finished", rebuild);
                    return Uni.createFrom().voidItem();
                });
    }

    /** Another start took this rebuild for interrupted (its progress stalled past stale-after): it gives way. */
    private static Uni<Void> stopped(UUID rebuild) {
        LOG.warnf("Rebuild %s of the orders read model stopped: it was taken for interrupted", rebuild);
        return Uni.createFrom().voidItem();
    }
}
