package io.shopflow.order.persistence;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The ids of orders whose status changed, as PostgreSQL announces them after commit (LISTEN on the channel the
 * {@code orders_status_changed} trigger notifies). One connection per service instance, shared by every watcher;
 * Vert.x's {@link PgSubscriber} reconnects when it drops. Notifications sent while it was down are lost, so each
 * (re)connection is announced too: watchers then read their orders again rather than trust they missed nothing.
 */
@ApplicationScoped
public class OrderStatusChanges {

    private static final Logger LOG = Logger.getLogger(OrderStatusChanges.class);
    private static final String CHANNEL = "shopflow_order_status";
    /** Stands for "look again, whatever your order": sent on every (re)connection of the LISTEN connection. */
    private static final UUID ANY_ORDER = new UUID(0, 0);
    private static final long RECONNECT_DELAY_MS = 1000;

    private final BroadcastProcessor<UUID> changes = BroadcastProcessor.create();
    private final PgSubscriber subscriber;

    OrderStatusChanges(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                       @ConfigProperty(name = "quarkus.datasource.username") String user,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        var options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse(""));
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> RECONNECT_DELAY_MS);
        subscriber.channel(CHANNEL)
                .subscribeHandler(() -> changes.onNext(ANY_ORDER))
                .handler(id -> changes.onNext(UUID.fromString(id)));
    }

    void listen(@Observes StartupEvent start) {
        subscriber.connect().subscribe().with(connected -> LOG.debugf("Listening on %s", CHANNEL),
                failure -> LOG.warnf(failure, "Cannot LISTEN on %s yet; retrying", CHANNEL));
    }

    void stop(@Observes ShutdownEvent stop) {
        subscriber.closeAndAwait();
    }

    /**
     * A signal each time order {@code id} may have changed status; it starts with one. Signals that come while the
     * watcher is still busy with the previous one fold into one: a signal only says "read again", and a read
     * after the last signal sees every change before it.
     */
    public Multi<UUID> of(UUID id) {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(id),
                changes.select().where(changed -> changed.equals(id) || changed.equals(ANY_ORDER))
                        .onOverflow().dropPreviousItems());
    }

    /**
     * What changed among all orders since the watcher last took it: a {@link Changed} each time there is news and
     * the watcher is ready for it. Ids that come while the watcher is busy gather into one set (an order that
     * changed twice is in it once), so it reads a batch at a time; at most {@code maxPending} are held, and the
     * ones past that are dropped and reported as possibly missed, so a watcher that falls behind holds a bounded
     * amount and holds up no one. It starts with "possibly missed" (nothing has been read yet), sent only once
     * the watcher listens, so no change falls between its first read and the announcements.
     */
    public Multi<Changed> ofEveryOrder(int maxPending) {
        return Multi.createFrom().deferred(() -> {
            var pending = new Pending(maxPending);
            // Merging subscribes in order: the announcements first, then the start signal.
            return Multi.createBy().merging().streams(changes, Multi.createFrom().item(ANY_ORDER))
                    .invoke(pending::add)
                    .onOverflow().dropPreviousItems()
                    .map(wakeUp -> pending.take())
                    .select().where(Changed::any);
        });
    }

    /**
     * @param orders        the orders whose status changed (or that were placed), in the order first announced
     * @param possiblyMissed whether changes may have gone unannounced: the LISTEN connection (re)connected, or the
     *                       watcher held more than it may
     */
    public record Changed(Set<UUID> orders, boolean possiblyMissed) {
        boolean any() {
            return possiblyMissed || !orders.isEmpty();
        }
    }

    /** One watcher's news not taken yet; added to on the LISTEN connection's thread, taken on the watcher's. */
    private static final class Pending {
        private final int max;
        private Set<UUID> orders = new LinkedHashSet<>();
        private boolean possiblyMissed;

        Pending(int max) {
            this.max = max;
        }

        synchronized void add(UUID id) {
            if (id.equals(ANY_ORDER)) {
                possiblyMissed = true;
            } else if (orders.size() < max || orders.contains(id)) {
                orders.add(id);
            } else {
                // Those already held are kept: they are read next, and the missed ones are looked for then.
                possiblyMissed = true;
            }
        }

        synchronized Changed take() {
            var taken = new Changed(Collections.unmodifiableSet(orders), possiblyMissed);
            orders = new LinkedHashSet<>();
            possiblyMissed = false;
            return taken;
        }
    }
}
