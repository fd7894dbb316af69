package io.shopflow.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void reads_names_labels_and_values_and_skips_comments() {
        var samples = PrometheusText.samples("""
                # HELP http_server_requests_seconds_count Requests
                # TYPE http_server_requests_seconds_count counter
                http_server_requests_seconds_count{method="GET",status="200",uri="/api/v1/orders"} 42.0
                process_uptime_seconds 12.5 1700000000000

                """);
        assertThat(samples).containsExactly(
                new PrometheusText.Sample("http_server_requests_seconds_count",
                        Map.of("method", "GET", "status", "200", "uri", "/api/v1/orders"), 42.0),
                new PrometheusText.Sample("process_uptime_seconds", Map.of(), 12.5));
    }

    @Test
    void label_values_keep_escaped_quotes_backslashes_commas_and_braces() {
        var sample = PrometheusText.samples("m{path=\"a\\\"b\\\\c,d}e\",x=\"1\"} 3\n").get(0);
        assertThat(sample.labels()).containsEntry("path", "a\"b\\c,d}e").containsEntry("x", "1");
        assertThat(sample.value()).isEqualTo(3.0);
    }

    @Test
    void lines_that_do_not_parse_are_left_out() {
        assertThat(PrometheusText.samples("broken{a=1} 2\nno_value\nm{a=\"1\"} NaN-ish\nok 1\n"))
                .extracting(PrometheusText.Sample::name).containsExactly("ok");
    }
}
