package io.shopflow.launcher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.io.input.Tailer;
import org.apache.commons.io.input.TailerListenerAdapter;

/**
 * Every service's log in one stream: each line of each log file, as it is written, prefixed by its service's name
 * (in a colour of its own on a terminal). The files stay what they are; this only reads them, so it can follow a
 * platform from the terminal that started it or from another one ({@code ./platform logs}), and keeps following a log
 * that a restart of the platform begins again.
 */
final class LogStream implements AutoCloseable {

    /** Often enough that lines from different services appear in about the order they were written. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String RESET = "\u001b[0m";
    /** Green, yellow, blue, magenta, cyan, then their bright forms: no red, which reads as an error. */
    private static final List<String> COLOURS = List.of("32", "33", "34", "35", "36", "92", "93", "94", "95", "96");

    private final List<Tailer> tailers = new ArrayList<>();

    private LogStream() {
    }

    /**
     * @param logs      each service's log file by its name, in the order their colours are given out
     * @param fromStart whether to show what the files hold already, or only what is written from now on
     * @param colour    whether to colour the prefixes (ANSI), for a terminal
     */
    static LogStream follow(Map<String, Path> logs, boolean fromStart, boolean colour, PrintStream out) {
        int width = logs.keySet().stream().mapToInt(String::length).max().orElse(0);
        LogStream stream = new LogStream();
        int index = 0;
        for (var log : logs.entrySet()) {
            String prefix = prefix(log.getKey(), width, colour ? COLOURS.get(index++ % COLOURS.size()) : null);
            stream.tailers.add(Tailer.builder()
                    .setPath(log.getValue())
                    .setCharset(StandardCharsets.UTF_8)
                    .setDelayDuration(POLL)
                    .setTailFromEnd(!fromStart)
                    .setTailerListener(new TailerListenerAdapter() {
                        @Override
                        public void handle(String line) {
                            // One println per line: PrintStream is synchronized, so lines never interleave.
                            out.println(prefix + line);
                        }
                    })
                    .get());
        }
        return stream;
    }

    static String prefix(String service, int width, String colour) {
        String name = String.format("%-" + width + "s |", service);
        return (colour == null ? name : "\u001b[" + colour + "m" + name + RESET) + " ";
    }

    @Override
    public void close() {
        tailers.forEach(Tailer::close);
    }
}
