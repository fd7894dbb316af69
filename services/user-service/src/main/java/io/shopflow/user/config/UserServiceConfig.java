package io.shopflow.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "user-service")
public interface UserServiceConfig {

    /** Most ids one batch lookup may ask for; bigger batches are refused rather than slowing everyone. */
    @WithDefault("500")
    int maxBatchSize();

    /** The keys that seal users' personal data in events (docs/personal-data.md). */
    DataKeys dataKeys();

    interface DataKeys {

        /**
         * The key-encryption key that wraps every data key in the {@code data_keys} table: 32 bytes, base64. The
         * default in application.properties is for development and tests only; in Kubernetes it comes from a
         * Secret (or a KMS or Vault takes the table's place, docs/personal-data.md).
         */
        String keyEncryptionKey();

        /** Names the key-encryption key in every wrapped key, so a replaced one is recognised, not misused. */
        String keyEncryptionKeyId();

        /** A user's newest data key older than this is replaced by a new version when their data is next sealed. */
        @WithDefault("90d")
        Duration rotateAfter();
    }
}
