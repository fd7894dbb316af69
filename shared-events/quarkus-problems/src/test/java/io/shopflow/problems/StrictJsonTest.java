package io.shopflow.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every service's JSON reader (customized by {@link StrictJson}) takes and refuses. */
class StrictJsonTest {

    record Line(String sku, Integer quantity, long count) {
    }

    record Charge(BigDecimal amount, Double rate) {
    }

    private final ObjectMapper mapper = strictMapper();

    private static ObjectMapper strictMapper() {
        var mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void whole_numbers_are_read_from_json_integers() throws Exception {
        assertThat(mapper.readValue("{\"sku\":\"A\",\"quantity\":2,\"count\":3}", Line.class))
                .isEqualTo(new Line("A", 2, 3));
    }

    @Test
    void a_fraction_is_no_whole_number_and_is_refused_rather_than_truncated() {
        for (String quantity : List.of("1.9", "100.99", "2.0", "1e0")) {
            assertThatThrownBy(() -> mapper.readValue("{\"sku\":\"A\",\"quantity\":" + quantity + "}", Line.class))
                    .as(quantity).isInstanceOf(MismatchedInputException.class);
        }
        assertThatThrownBy(() -> mapper.readValue("{\"count\":1.5}", Line.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void a_string_is_no_number() {
        for (String quantity : List.of("\"2\"", "\"\"", "\"1.9\"")) {
            assertThatThrownBy(() -> mapper.readValue("{\"quantity\":" + quantity + "}", Line.class))
                    .as(quantity).isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void decimal_fields_still_take_json_numbers() throws Exception {
        assertThat(mapper.readValue("{\"amount\":54.90,\"rate\":0.5}", Charge.class))
                .isEqualTo(new Charge(new BigDecimal("54.90"), 0.5));
        assertThat(mapper.readValue("{\"amount\":12,\"rate\":1}", Charge.class))
                .isEqualTo(new Charge(new BigDecimal("12"), 1.0));
    }

    @Test
    void text_that_is_not_valid_unicode_is_refused_naming_why() {
        for (String text : List.of("a\\ud800b", "a\\udc00b", "ab\\ud83d", "\\ude00x")) {
            assertThatThrownBy(() -> mapper.readValue("{\"sku\":\"" + text + "\"}", Line.class)).as(text)
                    .isInstanceOfSatisfying(UnacceptableTextException.class, refused -> assertThat(refused.reason())
                            .isEqualTo("is not valid Unicode (a lone surrogate)"));
        }
    }

    @Test
    void a_nul_character_is_refused() {
        assertThatThrownBy(() -> mapper.readValue("{\"sku\":\"a\\u0000b\"}", Line.class))
                .isInstanceOfSatisfying(UnacceptableTextException.class, refused -> assertThat(refused.reason())
                        .isEqualTo("must not hold a NUL character"));
    }

    @Test
    void characters_beyond_the_basic_plane_are_valid_text() throws Exception {
        assertThat(mapper.readValue("{\"sku\":\"caf\\u00e9 \\ud83d\\ude00\"}", Line.class).sku())
                .isEqualTo("café 😀");
        assertThat(mapper.readValue("{\"sku\":\"caf\u00e9 \ud83d\ude00\"}".getBytes(
                StandardCharsets.UTF_8), Line.class).sku()).isEqualTo("café 😀");
    }
}
