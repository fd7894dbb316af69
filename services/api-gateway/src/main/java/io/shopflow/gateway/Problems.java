package io.shopflow.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopflow.problems.Problem;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;

/** The gateway's own error answers, as problem+json like every service's, with no internal names in them. */
@ApplicationScoped
class Problems {

    private final ObjectMapper json;

    Problems(ObjectMapper json) {
        this.json = json;
    }

    Buffer body(Problem problem) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem that cannot be written as JSON: " + problem, e);
        }
    }
}
