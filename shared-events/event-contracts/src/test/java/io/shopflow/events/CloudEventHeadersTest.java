package io.shopflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final EventCodec codec = new EventCodec(PlatformEvents.catalog());

    private EventEnvelope envelope(String traceparent) {
        return codec.encode(SampleEvents.orderPlaced(), EventMetadata.startOf("corr-7", traceparent), "//shopflow/orders");
    }

    private static String header(RecordHeaders headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void writes_binary_mode_headers_and_reads_the_same_envelope_back() {
        var envelope = envelope(TRACEPARENT);
        var headers = new RecordHeaders();

        CloudEventHeaders.write(envelope, headers);

        assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(headers, "ce_type")).isEqualTo("OrderPlaced.v3");
        assertThat(header(headers, "ce_subject")).isEqualTo("o-3");
        assertThat(header(headers, "ce_source")).isEqualTo("//shopflow/orders");
        assertThat(header(headers, "ce_correlationid")).isEqualTo("corr-7");
        assertThat(header(headers, "traceparent")).isEqualTo(TRACEPARENT);
        assertThat(header(headers, "content-type")).isEqualTo("application/json");

        var read = CloudEventHeaders.read(headers, envelope.data().getBytes(StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(envelope);
    }

    @Test
    void a_missing_trace_context_is_fine() {
        var envelope = envelope(null);
        var headers = new RecordHeaders();
        CloudEventHeaders.write(envelope, headers);

        assertThat(headers.lastHeader("traceparent")).isNull();
        assertThat(CloudEventHeaders.read(headers, envelope.data().getBytes(StandardCharsets.UTF_8))).isEqualTo(envelope);
    }

    @Test
    void a_bad_envelope_is_malformed() {
        var envelope = envelope(null);
        byte[] payload = envelope.data().getBytes(StandardCharsets.UTF_8);

        var missingId = new RecordHeaders();
        CloudEventHeaders.write(envelope, missingId);
        missingId.remove("ce_id");
        assertThatThrownBy(() -> CloudEventHeaders.read(missingId, payload))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("ce_id");

        var shortId = new RecordHeaders();
        CloudEventHeaders.write(envelope, shortId);
        shortId.remove("ce_id").add("ce_id", "1-1-1-1-1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventHeaders.read(shortId, payload))
                .as("not taken for 00000001-0001-0001-0001-000000000001, a record's id the inbox would know")
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("1-1-1-1-1");

        var unversionedType = new RecordHeaders();
        CloudEventHeaders.write(envelope, unversionedType);
        unversionedType.remove("ce_type").add("ce_type", "OrderPlaced".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventHeaders.read(unversionedType, payload))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("Name.vN");

        var badTime = new RecordHeaders();
        CloudEventHeaders.write(envelope, badTime);
        badTime.remove("ce_time").add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventHeaders.read(badTime, payload)).isInstanceOf(MalformedEventException.class);

        assertThatThrownBy(() -> CloudEventHeaders.read(new RecordHeaders(), payload))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("ce_specversion");
    }
}
