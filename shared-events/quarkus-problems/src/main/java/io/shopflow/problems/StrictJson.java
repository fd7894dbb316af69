package io.shopflow.problems;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every service's JSON is read as sent, never reinterpreted: a bad value is refused with 400 naming the field
 * (through {@link ProblemMappers}) instead of being turned into something the client did not send.
 * <ul>
 *   <li>A whole-number field takes a JSON integer only. Jackson by default truncates {@code 1.9} to 1 and reads
 *   {@code "2"} as 2: a quantity of 100.99 placed an order for 100.</li>
 *   <li>A string holds no NUL character: PostgreSQL text cannot hold one, so a lookup or a write with it failed in
 *   the database (500) instead of being refused (found by the fuzz suite). See also {@link NulCharacters}.</li>
 *   <li>A string is valid Unicode: a lone surrogate ({@code "a\ud800b"}) was stored as {@code a?b}.</li>
 * </ul>
 * Decimal fields (money) are not touched: they take JSON numbers as before.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private static final char NUL = '\u0000';

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("strict-strings").addDeserializer(String.class, new StrictStrings()));
    }

    /** Whether a JSON reader that is not this mapper (the gateway's Vert.x JSON) holds text every service takes. */
    public static boolean acceptable(String text) {
        return refusal(text) == null;
    }

    /** Why {@code text} is refused, or null when it is acceptable. */
    static String refusal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == NUL) {
                return "must not hold a NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one character outside the Basic Multilingual Plane, as valid as any
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode (a lone surrogate)";
            }
        }
        return null;
    }

    /** Jackson's own string reading, then the check. */
    private static final class StrictStrings extends StdScalarDeserializer<String> {

        StrictStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            String refusal = text == null ? null : refusal(text);
            if (refusal != null) {
                throw new UnacceptableTextException(parser, refusal);
            }
            return text;
        }
    }
}
