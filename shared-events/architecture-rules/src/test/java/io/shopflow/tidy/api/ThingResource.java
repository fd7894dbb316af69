package io.shopflow.tidy.api;

import io.shopflow.tidy.app.Things;

public class ThingResource {
    final Things things = new Things();
}
