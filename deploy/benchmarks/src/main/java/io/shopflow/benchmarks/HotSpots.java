package io.shopflow.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where one process's CPU went, from the execution samples of a JFR recording: by the library that asked for the
 * work, by the method on the CPU, and by our own methods with everything they called. JDK Mission Control shows the
 * same, one recording at a time and by hand; this puts eight services side by side in a report.
 *
 * @param samples  execution samples in the recording (Java code on a CPU; GC and the JIT compilers are not sampled)
 * @param byCaller samples by the library of the first frame from the top that is not the JDK's: the JDK's own work
 *                 (a HashMap, a String) is charged to whoever asked for it
 * @param bySelf   samples by the method on top of the stack
 * @param ours     samples by each of our methods ({@code io.shopflow}) anywhere on the stack, once per sample, leaving
 *                 out the classes generated around them (lambdas, CDI proxies, REST invokers)
 */
record HotSpots(long samples, Map<String, Long> byCaller, Map<String, Long> bySelf, Map<String, Long> ours) {

    /** Package prefixes and the library each names; the first that matches wins, so longer prefixes come first. */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("io.shopflow.", "ours (io.shopflow)"),
            Map.entry("org.apache.kafka.", "Kafka clients"),
            Map.entry("io.smallrye.reactive.messaging.", "SmallRye Reactive Messaging"),
            Map.entry("io.smallrye.mutiny.", "Mutiny"),
            Map.entry("io.smallrye.", "SmallRye (config, fault tolerance, ...)"),
            Map.entry("io.vertx.pgclient.", "Vert.x PostgreSQL client"),
            Map.entry("io.vertx.sqlclient.", "Vert.x PostgreSQL client"),
            Map.entry("io.vertx.", "Vert.x"),
            Map.entry("io.netty.", "Netty"),
            Map.entry("io.grpc.", "gRPC"),
            Map.entry("io.opentelemetry.", "OpenTelemetry"),
            Map.entry("io.micrometer.", "Micrometer"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("org.postgresql.", "PostgreSQL JDBC"),
            Map.entry("io.agroal.", "Agroal pool"),
            Map.entry("org.hibernate.", "Hibernate"),
            Map.entry("org.jboss.resteasy.", "RESTEasy Reactive"),
            Map.entry("io.quarkus.", "Quarkus"),
            Map.entry("org.jboss.", "JBoss logging and threads"),
            Map.entry("com.google.protobuf.", "protobuf"));
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    static HotSpots read(Path recording) throws IOException {
        long samples = 0;
        var byCaller = new HashMap<String, Long>();
        var bySelf = new HashMap<String, Long>();
        var ours = new HashMap<String, Long>();
        for (var event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            var frames = event.getStackTrace().getFrames();
            bySelf.merge(frames.isEmpty() ? "(no frame)" : method(frames.get(0)), 1L, Long::sum);
            byCaller.merge(caller(event.getStackTrace()), 1L, Long::sum);
            var seen = new HashSet<String>();
            for (var frame : frames) {
                String method = method(frame);
                if (method.startsWith("io.shopflow.") && !generated(frame) && seen.add(method)) {
                    ours.merge(method, 1L, Long::sum);
                }
            }
        }
        return new HotSpots(samples, byCaller, bySelf, ours);
    }

    /** The {@code limit} largest entries of {@code counts}, largest first. */
    static Map<String, Long> top(Map<String, Long> counts, int limit) {
        var top = new LinkedHashMap<String, Long>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit).forEach(entry -> top.put(entry.getKey(), entry.getValue()));
        return top;
    }

    /**
     * A frame of code the JVM or Quarkus generated around ours (a lambda's class, a CDI proxy or subclass, a REST
     * invoker): it always stands beside the method it calls, which is the one worth naming.
     */
    private static boolean generated(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.contains("$$") || type.contains("$quarkusrestinvoker$") || type.endsWith("_Subclass")
                || type.endsWith("_ClientProxy");
    }

    private static String caller(RecordedStackTrace stack) {
        for (var frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (JDK.stream().noneMatch(type::startsWith)) {
                return library(type);
            }
        }
        return "JDK alone (threads, I/O, timers)";
    }

    static String library(String type) {
        return LIBRARIES.stream().filter(prefix -> type.startsWith(prefix.getKey())).map(Map.Entry::getValue)
                .findFirst().orElseGet(() -> "other: " + packageOf(type));
    }

    private static String packageOf(String type) {
        String[] parts = type.split("\\.");
        return parts.length <= 2 ? type : parts[0] + "." + parts[1] + "." + parts[2];
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
