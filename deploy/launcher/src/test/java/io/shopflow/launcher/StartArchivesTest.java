package io.shopflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives recorded and mapped by real JVMs, of a small application packaged where a service's jar would be. */
class StartArchivesTest {

    private static final ServiceDefinition SERVICE = new ServiceDefinition("demo-service", 18081, 19181,
            OptionalInt.empty(), Optional.empty());
    private static final ServiceJvm JVM = ServiceJvm.configured(Map.of());

    @TempDir
    Path root;
    private Path jar;

    @BeforeEach
    void packageTheApplication() throws IOException {
        jar = SERVICE.runnerJar(root);
        Path sources = Files.createDirectories(root.resolve("src"));
        Files.writeString(sources.resolve("Main.java"), """
                public class Main {
                    public static void main(String[] arguments) {
                        System.out.println(new java.util.concurrent.ConcurrentSkipListMap<String, String>().size());
                    }
                }
                """);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", sources.toString(),
                sources.resolve("Main.java").toString()));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
        Files.createDirectories(jar.getParent());
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("Main.class"));
            Files.copy(sources.resolve("Main.class"), out);
        }
    }

    @Test
    void a_service_without_an_archive_is_recorded_once_and_its_next_start_maps_the_archive() throws Exception {
        var archives = StartArchives.kept(root, JVM, Map.of());
        assertTrue(archives.needsRecording(SERVICE, root));
        assertEquals(List.of(), archives.options(SERVICE));

        assertEquals(0, run(archives.recordingOptions(SERVICE)));
        archives.keep(SERVICE, true);

        assertFalse(archives.needsRecording(SERVICE, root));
        // With -Xshare:on a JVM that cannot map the archive refuses to start.
        List<String> mapped = new ArrayList<>(archives.options(SERVICE));
        mapped.add("-Xshare:on");
        assertEquals(0, run(mapped));
    }

    @Test
    void a_jar_built_after_the_archive_was_recorded_has_it_recorded_again() throws Exception {
        var archives = StartArchives.kept(root, JVM, Map.of());
        assertEquals(0, run(archives.recordingOptions(SERVICE)));
        archives.keep(SERVICE, true);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        assertTrue(archives.needsRecording(SERVICE, root));
    }

    @Test
    void what_a_killed_jvm_half_wrote_is_thrown_away_and_recorded_again_next_time() throws IOException {
        var archives = StartArchives.kept(root, JVM, Map.of());
        String option = archives.recordingOptions(SERVICE).get(0);
        Path recording = Path.of(option.substring(option.indexOf('=') + 1));
        try (OutputStream half = Files.newOutputStream(recording)) {
            half.write(new byte[4096]);
        }

        archives.keep(SERVICE, false);

        assertFalse(Files.exists(recording));
        assertTrue(archives.needsRecording(SERVICE, root));
        assertEquals(List.of(), archives.options(SERVICE));
    }

    @Test
    void switched_off_or_on_a_tests_throwaway_platform_nothing_is_recorded_or_mapped() {
        for (var archives : List.of(StartArchives.none(),
                StartArchives.kept(root, JVM, Map.of(StartArchives.SWITCH_VARIABLE, StartArchives.OFF)))) {
            assertFalse(archives.needsRecording(SERVICE, root));
            assertEquals(List.of(), archives.options(SERVICE));
        }
    }

    private int run(List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(JVM.java().toString());
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve("run.log").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM ended");
        return process.exitValue();
    }
}
