package io.shopflow.drifted.app;

import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes a channel itself: Reactive Messaging outside messaging. */
public class OrderListener {
    @Incoming("orders")
    public void onOrder(String order) {
    }
}
