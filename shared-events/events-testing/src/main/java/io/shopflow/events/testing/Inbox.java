package io.shopflow.events.testing;

import io.shopflow.events.EventEnvelope;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The service's inbox, read by tests to know that an event has been handled (it commits with the effects). */
public final class Inbox {

    private Inbox() {
    }

    public static boolean handled(Pool pool, EventEnvelope event) {
        return pool.preparedQuery("SELECT 1 FROM inbox WHERE event_id = $1").execute(Tuple.of(event.id()))
                .await().indefinitely().size() == 1;
    }
}
