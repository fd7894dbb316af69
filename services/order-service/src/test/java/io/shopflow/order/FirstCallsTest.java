package io.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Orders placed all at once on a freshly started order-service, before its gRPC channels to user-service and
 * inventory-service are connected: each of the first concurrent calls is answered, none fails on the way
 * through Stork's discovery and the balancer (as a few once did, in Quarkus' own Stork interceptor).
 */
@QuarkusTest
@TestProfile(FirstCallsTest.FreshStart.class)
class FirstCallsTest {

    /** A profile of its own, so that the application (and its channels) starts anew for this test. */
    public static class FreshStart implements QuarkusTestProfile {
    }

    private static final int ORDERS = 64;

    @Test
    void orders_placed_all_at_once_on_fresh_channels_are_all_accepted() throws Exception {
        var users = new ArrayList<String>();
        for (int n = 0; n < ORDERS; n++) {
            users.add(StandInUserService.registerUser());
        }
        var pool = Executors.newFixedThreadPool(ORDERS / 2);
        var startTogether = new CountDownLatch(1);
        try {
            var statuses = new ArrayList<Future<Integer>>();
            for (String user : users) {
                statuses.add(pool.submit(() -> {
                    startTogether.await();
                    return OrderPlacementTest.post(OrderPlacementTest.order(user, "BOOK-1", 1)).extract().statusCode();
                }));
            }
            startTogether.countDown();
            var answered = new ArrayList<Integer>();
            for (var status : statuses) {
                answered.add(status.get());
            }
            assertThat(answered).as("statuses of the first orders").containsOnly(202);
        } finally {
            pool.shutdownNow();
        }
    }
}
