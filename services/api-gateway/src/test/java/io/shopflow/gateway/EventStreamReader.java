package io.shopflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A client of a server-sent event stream over a real HTTP connection, taking its events one by one. */
final class EventStreamReader implements AutoCloseable {

    record Event(String name, JsonObject data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStreamReader(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static EventStreamReader open(URI uri, String token) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        return new EventStreamReader(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next event, waiting for it at most {@code patience}. */
    Event next(Duration patience) throws InterruptedException {
        var event = events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event within %s", patience).isNotNull();
        return event;
    }

    /** Reads lines into events: "event:" names one, "data:" carries it, a blank line ends it, ":" is a comment. */
    private void read() {
        String[] name = {"message"};
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name[0], new JsonObject(data.toString())));
                    }
                    name[0] = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            });
        } catch (RuntimeException closed) {
            // The stream was closed by close(): nothing more to read.
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
