package io.shopflow.problems;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a NUL character (U+0000) wherever a client can send text: in the path or query (400 before any resource
 * sees it) and in any JSON string (400 naming the field, through {@link ProblemMappers}). PostgreSQL text cannot
 * hold one, so a lookup or a write with it failed in the database (500) instead of finding nothing or being
 * refused; no identifier or field of the API has one. Found by the fuzz suite (deploy/system-tests).
 */
@Singleton
public class NulCharacters implements ObjectMapperCustomizer {

    private static final String NUL = "\u0000";
    private static final String ENCODED_NUL = "%00";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("nul-free-strings").addDeserializer(String.class, new NulFreeStrings()));
    }

    /**
     * Looks at the request line as sent: a NUL can reach a path or query only percent-encoded, so one scan for
     * {@code %00} finds it without decoding the query on every request.
     */
    @ServerRequestFilter(preMatching = true)
    public Optional<RestResponse<Problem>> refuse(HttpServerRequest request) {
        if (!request.uri().contains(ENCODED_NUL)) {
            return Optional.empty();
        }
        return Optional.of(Problem.of(Problem.MALFORMED_REQUEST, "The request could not be read", 400,
                "The path or query holds a NUL character (%00)", request.path()).answer());
    }

    /** Jackson's own string reading, then the check. */
    private static final class NulFreeStrings extends StdScalarDeserializer<String> {

        NulFreeStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && text.contains(NUL)) {
                throw new NulCharacterException(parser);
            }
            return text;
        }
    }
}
