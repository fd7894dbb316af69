package io.shopflow.tidy.app;

import io.shopflow.tidy.config.TidyConfig;
import io.shopflow.tidy.domain.Thing;
import io.shopflow.tidy.persistence.ThingStore;

public class Things {
    final ThingStore store = new ThingStore();
    TidyConfig config;

    public Thing find() {
        return store.find();
    }
}
