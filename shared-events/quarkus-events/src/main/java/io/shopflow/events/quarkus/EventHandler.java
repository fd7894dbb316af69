package io.shopflow.events.quarkus;

import io.shopflow.events.DomainEvent;
import io.shopflow.events.EventEnvelope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What a consumer does with one event, on {@code tx}: the transaction that also marks the event processed in
 * the inbox. Fail (a failed Uni) to have it retried; throw {@link io.shopflow.events.MalformedEventException}
 * for an event that can never be processed.
 */
@FunctionalInterface
public interface EventHandler {

    Uni<Void> handle(SqlConnection tx, DomainEvent event, EventEnvelope envelope);
}
