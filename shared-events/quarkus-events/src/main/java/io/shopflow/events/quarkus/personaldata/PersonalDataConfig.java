package io.shopflow.events.quarkus.personaldata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** {@code shopflow.personal-data.*}: what this service answers when asked what it holds about a user. */
@ConfigMapping(prefix = "shopflow.personal-data")
public interface PersonalDataConfig {

    /**
     * Whether this service answers personal-data requests (a build-time switch: off, the channel does not exist).
     * A service that keeps anything about a user by their id turns it on and lists its tables.
     */
    @WithDefault("false")
    boolean holder();

    /** The tables whose rows name the user in a {@code user_id} column: each such row is theirs to see. */
    Optional<List<String>> tables();

    /** Most rows sent per request, over all tables; past it the answer says it is truncated. */
    @WithDefault("1000")
    int maxRecords();
}
