package io.shopflow.gateway.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the samples of Prometheus' text exposition format, as the services' {@code /q/metrics} writes it.
 *
 * <p>Written by hand, because no library at hand reads the format: the Java Prometheus libraries write it and have
 * no reader (simpleclient_common, which the services' Micrometer registry writes with, and client_java 1.x's
 * {@code prometheus-metrics-exposition-textformats} hold writers only); Prometheus' own parser is Go; and its query
 * API needs a Prometheus server scraping the services, which {@code ./platform up} does not run (it needs only a
 * JDK). Having the services answer in another format (Micrometer's JSON registry, Prometheus' protobuf) would change
 * every service for the sake of one view and still leave tags to be read out of keys. The platform status needs a
 * handful of counters, not a metrics store: the sample lines are all it reads ({@code PrometheusTextTest}).
 */
final class PrometheusText {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /** Every sample line; comments (# HELP, # TYPE), blank lines and lines that do not parse are left out. */
    static List<Sample> samples(String text) {
        var samples = new ArrayList<Sample>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                var sample = sample(line.strip());
                if (sample != null) {
                    samples.add(sample);
                }
            }
        }
        return samples;
    }

    /** {@code name{label="value",...} value [timestamp]}, label values with \\, \" and \n escapes. */
    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        var labels = new LinkedHashMap<String, String>();
        String name;
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
            if (rest < 0) {
                return null;
            }
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] values = line.substring(rest).strip().split("\\s+");
        try {
            return new Sample(name, labels, Double.parseDouble(values[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads labels from {@code at} up to the closing brace; the index after it, or -1 when malformed. */
    private static int labels(String line, int at, Map<String, String> labels) {
        int i = at;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, equals);
            var value = new StringBuilder();
            i = equals + 2;
            while (i < line.length() && line.charAt(i) != '"') {
                char v = line.charAt(i);
                if (v == '\\' && i + 1 < line.length()) {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(v);
                }
                i++;
            }
            labels.put(key, value.toString());
            i++;
        }
        return -1;
    }
}
