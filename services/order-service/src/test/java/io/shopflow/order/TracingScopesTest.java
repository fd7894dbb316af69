package io.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.shopflow.events.testing.LeakedScopes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 24, item 6: placing orders (user lookups and stock checks over gRPC, on the event loop) leaves no
 * OpenTelemetry scope open ({@link LeakedScopes}). Orders are placed several at once, as the platform's callers do.
 */
@QuarkusTest
class TracingScopesTest {

    private static final int ORDERS = 24;

    @Test
    void placing_orders_leaves_no_tracing_scope_open() throws Exception {
        List<String> users = new ArrayList<>();
        for (int n = 0; n < ORDERS; n++) {
            users.add(StandInUserService.registerUser());
        }
        var pool = Executors.newFixedThreadPool(8);
        try (var scopes = LeakedScopes.listen()) {
            var statuses = new ArrayList<Future<Integer>>();
            for (String user : users) {
                statuses.add(pool.submit(() -> OrderPlacementTest.post(OrderPlacementTest.order(user, "BOOK-1", 1))
                        .extract().statusCode()));
            }
            for (var status : statuses) {
                assertThat(status.get()).isEqualTo(202);
            }
            assertThat(scopes.reports()).as("scopes closed out of order while placing %d orders", ORDERS).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
