package io.shopflow.user.app;

import io.quarkus.runtime.StartupEvent;
import io.shopflow.personaldata.KeyId;
import io.shopflow.user.config.UserServiceConfig;
import io.shopflow.user.persistence.DataKeyStore;
import io.shopflow.user.persistence.DataKeyStore.RewrapBatch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Replacing the key-encryption key (docs/personal-data.md): while a retired one is configured beside the current one,
 * the service rewraps at start, in the background and batch by batch, every data key the retired one wrapped. Nothing
 * is re-encrypted: each data key stays the same under its new wrapping, so every event it sealed opens as before.
 * Each instance does it; rows change compare-and-set, so instances at once neither clash nor undo each other, and a
 * run cut short is finished by the next start. The log says when no data key needs the retired key any longer.
 */
@ApplicationScoped
public class KeyEncryptionKeyReplacement {

    private static final Logger LOG = Logger.getLogger(KeyEncryptionKeyReplacement.class);

    private final DataKeyStore keys;
    private final UserServiceConfig.DataKeys settings;

    KeyEncryptionKeyReplacement(DataKeyStore keys, UserServiceConfig config) {
        this.keys = keys;
        this.settings = config.dataKeys();
    }

    /** What a whole rewrap did: keys read, rewrapped, and those no configured key-encryption key opens. */
    public record Outcome(int read, int rewrapped, List<KeyId> unreadable) {

        Outcome plus(RewrapBatch batch) {
            var allUnreadable = new ArrayList<>(unreadable);
            allUnreadable.addAll(batch.unreadable());
            return new Outcome(read + batch.read(), rewrapped + batch.rewrapped(), List.copyOf(allUnreadable));
        }
    }

    void onStart(@Observes StartupEvent started) {
        settings.retiredKeyEncryptionKeyId().ifPresent(retired -> rewrapAll().subscribe().with(
                outcome -> report(retired, outcome),
                failure -> LOG.errorf(failure, "Rewrapping the data keys of key-encryption key '%s' under '%s' stopped;"
                        + " the next start goes on with it", retired, keys.keyEncryptionKeyId())));
    }

    /** Rewraps every data key not wrapped by the current key-encryption key, from the first to the last. */
    public Uni<Outcome> rewrapAll() {
        return rewrapFrom(Optional.empty(), new Outcome(0, 0, List.of()));
    }

    private Uni<Outcome> rewrapFrom(Optional<KeyId> after, Outcome sofar) {
        return keys.rewrap(after, settings.rewrapBatchSize()).flatMap(batch -> {
            var outcome = sofar.plus(batch);
            return batch.last().isEmpty() ? Uni.createFrom().item(outcome) : rewrapFrom(batch.last(), outcome);
        });
    }

    private void report(String retired, Outcome outcome) {
        if (outcome.unreadable().isEmpty()) {
            LOG.infof("Rewrapped %d data keys under key-encryption key '%s' (%d read): none needs '%s' any longer, it "
                    + "can be removed from the configuration", outcome.rewrapped(), keys.keyEncryptionKeyId(),
                    outcome.read(), retired);
        } else {
            LOG.errorf("Rewrapped %d data keys under key-encryption key '%s', but %d are wrapped by a key-encryption"
                    + " key that is neither it nor '%s' (or were altered), for example %s: keep every key-encryption"
                    + " key that may have wrapped them configured", outcome.rewrapped(), keys.keyEncryptionKeyId(),
                    outcome.unreadable().size(), retired, outcome.unreadable().get(0));
        }
    }
}
