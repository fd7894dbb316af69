package io.shopflow.events.quarkus;

import io.quarkus.scheduler.Scheduled;
import io.shopflow.eventstore.InboxStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Keeps the inbox from growing forever: ids older than the retention can no longer be redelivered. */
@ApplicationScoped
public class InboxHousekeeping {

    private static final Logger LOG = Logger.getLogger(InboxHousekeeping.class);

    private final Pool pool;
    private final EventsConfig config;
    private final InboxStore inbox = new InboxStore();

    public InboxHousekeeping(Pool pool, EventsConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** First run one period after start: at start the backbone's tables may still be being migrated. */
    @Scheduled(every = "${shopflow.events.inbox.purge-every}", delayed = "${shopflow.events.inbox.purge-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return inbox.purgeProcessedBefore(pool, Instant.now().minus(config.inbox().retention()))
                .invoke(purged -> LOG.debugf("Inbox housekeeping removed %d processed event ids", purged))
                .replaceWithVoid();
    }
}
