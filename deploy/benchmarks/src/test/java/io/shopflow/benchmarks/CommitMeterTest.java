package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.benchmarks.CommitMeter.Reading;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class CommitMeterTest {

    private static Reading reading(long orders, long inventory, long walFlushes) {
        return reading(orders, inventory, walFlushes, 0, 0);
    }

    private static Reading reading(long orders, long inventory, long walFlushes, long orderDeadlocks,
                                   long inventoryDeadlocks) {
        var transactions = new LinkedHashMap<String, Long>();
        transactions.put("order-service", orders);
        transactions.put("inventory-service", inventory);
        var deadlocks = new LinkedHashMap<String, Long>();
        deadlocks.put("order-service", orderDeadlocks);
        deadlocks.put("inventory-service", inventoryDeadlocks);
        return new Reading(transactions, deadlocks, walFlushes);
    }

    @Test
    void the_cost_is_what_each_count_grew_by_per_order_in_the_services_order() {
        var cost = CommitMeter.Cost.between(reading(1_000, 500, 9_000), reading(1_600, 850, 9_400), 100);

        assertThat(cost.transactionsPerOrder()).containsExactly(
                org.assertj.core.api.Assertions.entry("order-service", 6.0),
                org.assertj.core.api.Assertions.entry("inventory-service", 3.5));
        assertThat(cost.allTransactionsPerOrder()).isEqualTo(9.5);
        assertThat(cost.walFlushesPerOrder()).isEqualTo(4.0);
    }

    @Test
    void the_deadlocks_are_what_each_database_broke_since_the_earlier_reading() {
        var since = reading(0, 0, 0, 4, 7).deadlocksSince(reading(0, 0, 0, 4, 5));

        assertThat(since).containsExactly(org.assertj.core.api.Assertions.entry("order-service", 0L),
                org.assertj.core.api.Assertions.entry("inventory-service", 2L));
    }
}
