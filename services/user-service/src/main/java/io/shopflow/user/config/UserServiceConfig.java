package io.shopflow.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "user-service")
public interface UserServiceConfig {

    /** Most ids one batch lookup may ask for; bigger batches are refused rather than slowing everyone. */
    @WithDefault("500")
    int maxBatchSize();

    /** The keys that seal users' personal data in events (docs/personal-data.md). */
    DataKeys dataKeys();

    PersonalDataExport personalDataExport();

    /** Gathering what the platform holds about a user (GET /api/v1/users/{id}/personal-data). */
    interface PersonalDataExport {

        /**
         * The services that keep data about users (shopflow.personal-data.holder in theirs): an export waits for
         * each to answer, and names those that did not.
         */
        List<String> holders();

        /** How long an export waits for the holders' answers, all together. */
        @WithDefault("3s")
        Duration waitFor();
    }

    interface DataKeys {

        /**
         * The key-encryption key that wraps every data key in the {@code data_keys} table: 32 bytes, base64. The
         * default in application.properties is for development and tests only; in Kubernetes it comes from a
         * Secret (or a KMS or Vault takes the table's place, docs/personal-data.md).
         */
        String keyEncryptionKey();

        /** Names the key-encryption key in every wrapped key, so a replaced one is recognised, not misused. */
        String keyEncryptionKeyId();

        /**
         * The key-encryption key being replaced, base64 like {@link #keyEncryptionKey()}: while it is set, it still
         * unwraps the data keys it wrapped, and the service rewraps them under the current one at start
         * (docs/personal-data.md, "Replacing the key-encryption key"). Unset otherwise.
         */
        Optional<String> retiredKeyEncryptionKey();

        /** The id of {@link #retiredKeyEncryptionKey()}, as its wrapped keys name it; set with it or not at all. */
        Optional<String> retiredKeyEncryptionKeyId();

        /** Data keys rewrapped per transaction while replacing the key-encryption key. */
        @WithDefault("500")
        int rewrapBatchSize();

        /** A user's newest data key older than this is replaced by a new version when their data is next sealed. */
        @WithDefault("90d")
        Duration rotateAfter();
    }
}
