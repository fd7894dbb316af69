package io.shopflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopflow.events.order.Money;
import io.shopflow.events.order.OrderLine;
import io.shopflow.events.order.OrderPlaced;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

    private final EventCodec codec = new EventCodec(PlatformEvents.catalog());

    @ParameterizedTest
    @MethodSource("io.shopflow.events.EventSchemasTest#eventTypes")
    void every_event_survives_the_round_trip(EventCatalog.Entry type) {
        var event = SampleEvents.of(type);
        var metadata = EventMetadata.startOf("corr-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        var envelope = codec.encode(event, metadata, "//shopflow/test");

        assertThat(codec.decode(envelope)).isEqualTo(event);
        assertThat(envelope.aggregateId()).isEqualTo(event.aggregateId());
        assertThat(envelope.id()).isEqualTo(metadata.eventId());
        assertThat(envelope.ceType()).isEqualTo(event.getClass().getSimpleName() + ".v"
                + event.getClass().getAnnotation(EventType.class).version());
    }

    @Test
    void the_envelope_names_the_current_version_and_aggregate() {
        var envelope = codec.encode(SampleEvents.orderPlaced(), EventMetadata.startOf("c", null), "//shopflow/test");
        assertThat(envelope.ceType()).isEqualTo("OrderPlaced.v3");
        assertThat(envelope.aggregateType()).isEqualTo("order");
        assertThat(Topics.forAggregate(envelope.aggregateType())).isEqualTo("shopflow.order");
    }

    @Test
    void a_v1_order_reads_as_v3_renamed_defaulted_and_restructured() {
        var event = codec.decode("OrderPlaced", 1, SampleEvents.ORDER_PLACED_V1);

        assertThat(event).isEqualTo(new OrderPlaced("o-1", "c-9",
                List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))), new Money(new BigDecimal("25.00"), "EUR")));
    }

    @Test
    void a_v2_order_reads_as_v3_and_keeps_its_currency() {
        var event = (OrderPlaced) codec.decode("OrderPlaced", 2, SampleEvents.ORDER_PLACED_V2);

        assertThat(event.userId()).isEqualTo("u-7");
        assertThat(event.lines()).containsExactly(new OrderLine("PEN-3", 1, new BigDecimal("3.20")));
        assertThat(event.total()).isEqualTo(new Money(new BigDecimal("3.20"), "USD"));
    }

    @Test
    void a_version_newer_than_the_code_is_refused_not_misread() {
        assertThatThrownBy(() -> codec.decode("OrderPlaced", 4, "{\"orderId\": \"o-1\"}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("OrderPlaced.v4 is newer than this service understands (v3)");
    }

    @Test
    void an_unknown_type_is_refused() {
        assertThatThrownBy(() -> codec.decode("OrderTeleported", 1, "{}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("Unknown event type OrderTeleported.v1");
    }

    @Test
    void a_payload_that_is_not_json_or_not_an_object_is_refused() {
        assertThatThrownBy(() -> codec.decode("OrderConfirmed", 1, "not json"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> codec.decode("OrderConfirmed", 1, "[1]"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> codec.decode("OrderConfirmed", 1, "null"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void a_payload_that_does_not_fit_the_record_is_refused() {
        assertThatThrownBy(() -> codec.decode("OrderPlaced", 3, "{\"orderId\": \"o\", \"lines\": \"many\"}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("does not fit OrderPlaced");
    }

    @Test
    void a_gap_in_the_upcaster_chain_is_refused() {
        var catalog = EventCatalog.builder()
                .event(OrderPlaced.class)
                .upcaster("OrderPlaced", 2, payload -> payload)
                .build();
        assertThatThrownBy(() -> new EventCodec(catalog).decode("OrderPlaced", 1, SampleEvents.ORDER_PLACED_V1))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("No upcaster from OrderPlaced.v1 to v2");
    }

    @Test
    void an_unregistered_event_cannot_be_written() {
        var empty = new EventCodec(EventCatalog.builder().build());
        assertThatThrownBy(() -> empty.encode(SampleEvents.orderPlaced(), EventMetadata.startOf("c", null), "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not registered");
    }

    @Test
    void unknown_fields_are_ignored_so_optional_additions_need_no_new_version() {
        var event = codec.decode("OrderCancelled", 1,
                "{\"orderId\": \"o-5\", \"userId\": \"u-1\", \"reason\": \"deadline\", \"cancelledBy\": \"saga\"}");
        assertThat(event.aggregateId()).isEqualTo("o-5");
    }
}
