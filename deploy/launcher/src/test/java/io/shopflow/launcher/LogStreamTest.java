package io.shopflow.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStreamTest {

    @TempDir
    Path logs;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void lines_of_every_log_appear_in_one_stream_after_their_services_name() throws Exception {
        Path orders = Files.writeString(logs.resolve("order-service.log"), "written before\n");
        Path gateway = Files.writeString(logs.resolve("api-gateway.log"), "");
        var files = new LinkedHashMap<String, Path>();
        files.put("order-service", orders);
        files.put("api-gateway", gateway);

        try (var stream = LogStream.follow(files, false, false, out)) {
            awaitFollowing(stream, orders);
            append(orders, "order placed\n");
            append(gateway, "POST /api/v1/orders 202\nhalf a li");
            await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("api-gateway   | POST /api/v1/orders 202\n")
                    && printed().contains("order-service | order placed\n"));
            append(gateway, "ne, then the rest\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("api-gateway   | half a line, then the rest\n"));
        }
        assertFalse(printed().contains("written before"), "only lines written while following: " + printed());
    }

    @Test
    void a_log_begun_again_by_a_restart_is_followed_from_its_start() throws Exception {
        Path orders = Files.writeString(logs.resolve("order-service.log"), "a long line from the run before this one\n");

        try (var stream = LogStream.follow(Map.of("order-service", orders), false, false, out)) {
            awaitFollowing(stream, orders);
            Files.writeString(orders, "started again\n", StandardOpenOption.TRUNCATE_EXISTING);
            await().atMost(Duration.ofSeconds(10)).until(() -> printed().contains("order-service | started again\n"));
        }
    }

    @Test
    void on_a_terminal_each_name_gets_a_colour() {
        assertEquals("\u001b[32mapi-gateway   |\u001b[0m ", LogStream.prefix("api-gateway", 13, "32"));
        assertEquals("api-gateway   | ", LogStream.prefix("api-gateway", 13, null));
    }

    /** The tailer takes the file's end as its start a moment after it is created; a marker line says when. */
    private void awaitFollowing(LogStream stream, Path log) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
            append(log, "marker\n");
            return printed().contains("| marker\n");
        });
    }

    private static void append(Path log, String text) throws Exception {
        Files.writeString(log, text, StandardOpenOption.APPEND);
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
