package io.shopflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopflow.events.order.OrderConfirmed;
import io.shopflow.events.order.OrderPlaced;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    record NotAnnotated(String id) implements DomainEvent {
        @Override
        public String aggregateId() {
            return id;
        }
    }

    @EventType(name = "OrderConfirmed", version = 1, aggregate = "order")
    record ImpostorOfOrderConfirmed(String orderId) implements DomainEvent {
        @Override
        public String aggregateId() {
            return orderId;
        }
    }

    @Test
    void the_platform_catalog_knows_each_event_once_with_its_current_version() {
        var catalog = PlatformEvents.catalog();
        assertThat(catalog.byName("OrderPlaced")).hasValueSatisfying(entry -> {
            assertThat(entry.currentVersion()).isEqualTo(3);
            assertThat(entry.upcasters()).containsOnlyKeys(1, 2);
        });
        assertThat(catalog.byName("Nothing")).isEmpty();
    }

    @Test
    void refuses_a_record_without_event_type() {
        assertThatThrownBy(() -> EventCatalog.builder().event(NotAnnotated.class))
                .hasMessageContaining("must be a record annotated with @EventType");
    }

    @Test
    void refuses_two_records_with_one_name() {
        assertThatThrownBy(() -> EventCatalog.builder().event(OrderConfirmed.class).event(ImpostorOfOrderConfirmed.class))
                .hasMessageContaining("Two records claim the event name OrderConfirmed");
    }

    @Test
    void refuses_upcasters_that_lead_nowhere() {
        assertThatThrownBy(() -> EventCatalog.builder().event(OrderPlaced.class)
                .upcaster("OrderPlaced", 3, p -> p).build())
                .hasMessageContaining("does not lead to a version below the current v3");
        assertThatThrownBy(() -> EventCatalog.builder().upcaster("Ghost", 1, p -> p).build())
                .hasMessageContaining("unknown event Ghost");
    }
}
