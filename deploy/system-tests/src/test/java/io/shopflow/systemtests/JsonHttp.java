package io.shopflow.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP against the platform's public APIs, as any client outside would call them. */
final class JsonHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int RATE_LIMITED_ATTEMPTS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status, a body (null when the answer had none) and the Retry-After it asked for (1 s when none). */
    record Answer(int status, JsonNode body, long retryAfterSeconds) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    /** Sent with every request once set, as a signed-in client does. */
    private volatile String bearerToken;

    void signIn(String token) {
        bearerToken = token;
    }

    JsonNode get(URI uri) {
        var answer = ask(uri);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    /** A GET whatever it answers. */
    Answer ask(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    Answer post(URI uri, Object body) {
        return post(uri, body, Map.of());
    }

    Answer post(URI uri, Object body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(write(body)));
        headers.forEach(request::header);
        return send(request);
    }

    Answer put(URI uri, Object body) {
        return send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    Answer delete(URI uri) {
        return send(HttpRequest.newBuilder(uri).DELETE());
    }

    /**
     * Sends, and like a well-behaved client waits out a 429 (the gateway's rate limits) for as long as its
     * Retry-After says before sending again.
     */
    private Answer send(HttpRequest.Builder request) {
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        var built = request.timeout(TIMEOUT).header("Content-Type", "application/json")
                .header("Accept", "application/json").build();
        for (int attempt = 1; ; attempt++) {
            var answer = sendOnce(built);
            if (answer.status() != 429 || attempt == RATE_LIMITED_ATTEMPTS) {
                return answer;
            }
            try {
                // The pause the answer asks of its client, not a wait for something under test.
                Thread.sleep(Duration.ofSeconds(answer.retryAfterSeconds()).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }

    private Answer sendOnce(HttpRequest request) {
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            var text = response.body();
            long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(1);
            return new Answer(response.statusCode(), text == null || text.isBlank() ? null : JSON.readTree(text),
                    retryAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
