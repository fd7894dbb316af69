package io.shopflow.provider.app;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** Where the simulator's outages and declines are drawn from: ThreadLocalRandom, which tests may replace. */
@Singleton
public class Dice {

    @Produces
    @Singleton
    RandomGenerator draws() {
        // Each draw asks the calling thread's generator: one shared instance would contend under load.
        return () -> ThreadLocalRandom.current().nextLong();
    }
}
