package io.shopflow.user.app;

import io.shopflow.events.quarkus.DomainEvents;
import io.shopflow.user.config.UserServiceConfig;
import io.shopflow.user.domain.BatchTooLargeException;
import io.shopflow.user.domain.CreditAdjustment;
import io.shopflow.user.domain.InsufficientCreditException;
import io.shopflow.user.domain.NewUser;
import io.shopflow.user.domain.User;
import io.shopflow.user.domain.UserChanges;
import io.shopflow.user.domain.UserNotFoundException;
import io.shopflow.user.persistence.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;

/**
 * The user use cases, shared by the REST and gRPC APIs. Arguments are validated here (Bean Validation on
 * the method parameters), so both APIs enforce exactly the same rules. Every change commits together with
 * its domain event in the outbox: a user is never changed without the event, nor the event sent without
 * the change.
 */
@ApplicationScoped
public class UserDirectory {

    private final Pool pool;
    private final UserRepository repository;
    private final DomainEvents events;
    private final UserServiceConfig config;

    public UserDirectory(Pool pool, UserRepository repository, DomainEvents events, UserServiceConfig config) {
        this.pool = pool;
        this.repository = repository;
        this.events = events;
        this.config = config;
    }

    public Uni<User> register(@NotNull @Valid NewUser user) {
        return pool.withTransaction(tx -> repository.insert(tx, UUID.randomUUID(), user.name().strip(),
                        user.email().strip(), user.address().strip(), user.initialCreditOrZero())
                .call(registered -> events.publish(tx, UserEvents.registered(registered))));
    }

    public Uni<User> get(UUID id) {
        return repository.findById(id).onItem().ifNull().failWith(() -> new UserNotFoundException(id));
    }

    /** The users that exist among the ids, in no particular order; missing ids are simply absent. */
    public Uni<List<User>> getAll(List<UUID> ids) {
        if (ids.size() > config.maxBatchSize()) {
            return Uni.createFrom().failure(new BatchTooLargeException(ids.size(), config.maxBatchSize()));
        }
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : repository.findByIds(ids);
    }

    /** Applies the changes; with nothing to change it answers the user as stored. */
    public Uni<User> update(UUID id, @NotNull @Valid UserChanges changes) {
        if (changes.isEmpty()) {
            return get(id);
        }
        return pool.withTransaction(tx -> repository.update(tx, id, strip(changes.name()), strip(changes.email()),
                        strip(changes.address()))
                .onItem().ifNull().failWith(() -> new UserNotFoundException(id))
                .call(updated -> events.publish(tx, UserEvents.updated(updated))));
    }

    public Uni<User> adjustCredit(UUID id, @NotNull @Valid CreditAdjustment adjustment) {
        return pool.withTransaction(tx -> repository.addCredit(tx, id, adjustment.amount())
                        .call(updated -> updated == null ? Uni.createFrom().voidItem()
                                : events.publish(tx, UserEvents.updated(updated))))
                // No row changed: either there is no such user (get fails with not found) or the user exists
                // and the guarded update refused because the credit would go negative.
                .onItem().ifNull().switchTo(() -> get(id)
                        .onItem().failWith(user -> new InsufficientCreditException(id, adjustment.amount())));
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
