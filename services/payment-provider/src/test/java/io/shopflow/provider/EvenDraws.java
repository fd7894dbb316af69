package io.shopflow.provider;

import io.quarkus.test.Mock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The provider's dice in tests: draws 0.00, 0.01 ... 0.99 in turn, so a rate of r fails exactly r of every hundred
 * calls instead of about that share of an unseeded random source's.
 */
@Mock
public class EvenDraws implements RandomGenerator {

    private final AtomicLong draws = new AtomicLong();

    @Override
    public double nextDouble() {
        return (draws.getAndIncrement() % 100) / 100.0;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("The provider draws doubles only");
    }
}
