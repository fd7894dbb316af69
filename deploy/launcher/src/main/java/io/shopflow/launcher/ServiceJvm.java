package io.shopflow.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JVM the packaged services run on: the launcher's own, unless the environment names another JDK
 * ({@value #JAVA_HOME_VARIABLE}; the bytecode is Java 17, any newer JDK runs it), with {@link #LOCAL_OPTIONS}
 * unless the environment gives options of its own ({@value #OPTIONS_VARIABLE}, e.g. a debugger agent; set it empty
 * for the JVM's defaults).
 */
record ServiceJvm(Path java, List<String> options) {

    static final String JAVA_HOME_VARIABLE = "SHOPFLOW_SERVICE_JAVA_HOME";
    static final String OPTIONS_VARIABLE = "SHOPFLOW_SERVICE_JAVA_OPTIONS";
    /**
     * Only the JIT's first tier (C1). Eight service JVMs share the machine's cores locally, and C2's compilations are
     * what they spend most of their start on, and about a third of a busy service's CPU for minutes after: on two
     * cores C1 alone halves the CPU to every service ready and the wall time with it (deploy/launcher/START-STOP.md),
     * at a lower peak speed per request that a local platform does not reach. Containers and pods keep the JVM's
     * defaults: there each service has cores of its own, and its peak speed counts.
     */
    static final List<String> LOCAL_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    ServiceJvm {
        options = List.copyOf(options);
    }

    /** The same JVM with {@code more} options after its own. */
    ServiceJvm with(List<String> more) {
        return new ServiceJvm(java, Stream.concat(options.stream(), more.stream()).toList());
    }

    /** The options as a reader of a report wants them: as given, or "the JVM's defaults" when there are none. */
    String describeOptions() {
        return options.isEmpty() ? "the JVM's defaults" : String.join(" ", options);
    }

    static ServiceJvm configured(Map<String, String> environment) {
        String javaHome = environment.getOrDefault(JAVA_HOME_VARIABLE, System.getProperty("java.home"));
        String options = environment.get(OPTIONS_VARIABLE);
        return new ServiceJvm(Path.of(javaHome, "bin", "java"), options == null ? LOCAL_OPTIONS
                : Arrays.stream(options.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList());
    }
}
