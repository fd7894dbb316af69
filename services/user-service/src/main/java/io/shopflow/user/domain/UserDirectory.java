package io.shopflow.user.domain;

import io.shopflow.user.persistence.UserRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;

/**
 * The user use cases, shared by the REST and gRPC APIs. Arguments are validated here (Bean Validation on
 * the method parameters), so both APIs enforce exactly the same rules.
 */
@ApplicationScoped
public class UserDirectory {

    private final UserRepository repository;
    private final UserServiceConfig config;

    public UserDirectory(UserRepository repository, UserServiceConfig config) {
        this.repository = repository;
        this.config = config;
    }

    public Uni<User> register(@NotNull @Valid NewUser user) {
        return repository.insert(UUID.randomUUID(), user.name().strip(), user.email().strip(), user.address().strip(),
                user.initialCreditOrZero());
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
        return repository.update(id, strip(changes.name()), strip(changes.email()), strip(changes.address()))
                .onItem().ifNull().failWith(() -> new UserNotFoundException(id));
    }

    public Uni<User> adjustCredit(UUID id, @NotNull @Valid CreditAdjustment adjustment) {
        return repository.addCredit(id, adjustment.amount())
                // No row changed: either there is no such user (get fails with not found) or the user exists
                // and the guarded update refused because the credit would go negative.
                .onItem().ifNull().switchTo(() -> get(id)
                        .onItem().failWith(user -> new InsufficientCreditException(id, adjustment.amount())));
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
