package io.shopflow.order.app;

import io.quarkus.scheduler.Scheduled;
import io.shopflow.order.config.OrderServiceConfig;
import io.shopflow.order.persistence.IdempotencyKeys;
import io.shopflow.order.persistence.SagaDeadlines;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The saga's clock. Cancels orders that did not end in time (OrderCancelled then releases their stock and
 * refunds any charge), and forgets old idempotency keys. Both run from the database, so a restart loses no
 * deadline, and several instances share the work without doing any of it twice.
 */
@ApplicationScoped
public class DeadlineSweeper {

    private static final Logger LOG = Logger.getLogger(DeadlineSweeper.class);

    private final Pool pool;
    private final SagaDeadlines deadlines;
    private final OrderSaga saga;
    private final IdempotencyKeys keys;
    private final OrderServiceConfig config;

    public DeadlineSweeper(Pool pool, SagaDeadlines deadlines, OrderSaga saga, IdempotencyKeys keys,
                           OrderServiceConfig config) {
        this.pool = pool;
        this.deadlines = deadlines;
        this.saga = saga;
        this.keys = keys;
        this.config = config;
    }

    @Scheduled(every = "${shopflow.order.deadline.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cancelOverdueOrders() {
        String reason = "deadline passed: not completed within " + config.deadline().after();
        return pool.withTransaction(tx -> deadlines.claimOverdue(tx, config.deadline().batchSize())
                        .call(overdue -> saga.lockOrders(tx, overdue.stream().map(SagaDeadlines.Overdue::orderId).toList()))
                        .flatMap(overdue -> Multi.createFrom().iterable(overdue)
                                .onItem().transformToUniAndConcatenate(order -> saga.cancelOverdue(tx, order, reason))
                                .collect().asList()
                                .invoke(cancelled -> {
                                    if (!cancelled.isEmpty()) {
                                        LOG.infof("Cancelled %d orders past their deadline", cancelled.size());
                                    }
                                })))
                .replaceWithVoid();
    }

    @Scheduled(every = "${shopflow.order.idempotency-keys.purge-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldIdempotencyKeys() {
        return keys.purgeOlderThan(config.idempotencyKeys().retention()).replaceWithVoid();
    }
}
