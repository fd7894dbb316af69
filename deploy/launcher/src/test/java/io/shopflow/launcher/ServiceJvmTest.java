package io.shopflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceJvmTest {

    @Test
    void by_default_the_services_run_on_the_launchers_jdk_with_the_local_options() {
        var jvm = ServiceJvm.configured(Map.of());

        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java"), jvm.java());
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), jvm.options());
    }

    @Test
    void options_given_in_the_environment_replace_the_local_ones_and_an_empty_value_leaves_the_jvms_defaults() {
        assertEquals(List.of("-Xmx256m", "-agentlib:jdwp=x"),
                ServiceJvm.configured(Map.of(ServiceJvm.OPTIONS_VARIABLE, " -Xmx256m  -agentlib:jdwp=x ")).options());
        assertEquals(List.of(), ServiceJvm.configured(Map.of(ServiceJvm.OPTIONS_VARIABLE, "")).options());
    }

    @Test
    void another_jdk_is_named_by_its_home() {
        assertEquals(Path.of("/opt/jdk-25", "bin", "java"),
                ServiceJvm.configured(Map.of(ServiceJvm.JAVA_HOME_VARIABLE, "/opt/jdk-25")).java());
    }

    @Test
    void a_report_names_the_options_or_says_the_jvms_defaults() {
        assertEquals("-XX:TieredStopAtLevel=1", ServiceJvm.configured(Map.of()).describeOptions());
        assertEquals("the JVM's defaults",
                ServiceJvm.configured(Map.of(ServiceJvm.OPTIONS_VARIABLE, " ")).describeOptions());
    }
}
