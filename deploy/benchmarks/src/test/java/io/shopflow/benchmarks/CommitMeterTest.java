package io.shopflow.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopflow.benchmarks.CommitMeter.Reading;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class CommitMeterTest {

    private static Reading reading(long orders, long inventory, long walFlushes) {
        var transactions = new LinkedHashMap<String, Long>();
        transactions.put("order-service", orders);
        transactions.put("inventory-service", inventory);
        return new Reading(transactions, walFlushes);
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
}
