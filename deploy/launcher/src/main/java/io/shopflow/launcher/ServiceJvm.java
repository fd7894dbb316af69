package io.shopflow.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM the packaged services run on: the launcher's own, unless the environment names another JDK
 * ({@value #JAVA_HOME_VARIABLE}; the bytecode is Java 17, any newer JDK runs it) or options for it
 * ({@value #OPTIONS_VARIABLE}, e.g. a debugger agent).
 */
record ServiceJvm(Path java, List<String> options) {

    static final String JAVA_HOME_VARIABLE = "SHOPFLOW_SERVICE_JAVA_HOME";
    static final String OPTIONS_VARIABLE = "SHOPFLOW_SERVICE_JAVA_OPTIONS";

    ServiceJvm {
        options = List.copyOf(options);
    }

    static ServiceJvm configured(Map<String, String> environment) {
        String javaHome = environment.getOrDefault(JAVA_HOME_VARIABLE, System.getProperty("java.home"));
        return new ServiceJvm(Path.of(javaHome, "bin", "java"),
                Arrays.stream(environment.getOrDefault(OPTIONS_VARIABLE, "").trim().split("\\s+"))
                        .filter(option -> !option.isEmpty()).toList());
    }
}
