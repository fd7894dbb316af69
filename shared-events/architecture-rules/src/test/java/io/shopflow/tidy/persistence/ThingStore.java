package io.shopflow.tidy.persistence;

import io.shopflow.tidy.domain.Thing;

public class ThingStore {
    public Thing find() {
        return new Thing("one");
    }
}
