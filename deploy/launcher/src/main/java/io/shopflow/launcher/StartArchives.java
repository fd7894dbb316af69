package io.shopflow.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Class-data-sharing archives of the packaged services' starts (decision 0013): each holds the classes a service
 * loaded, parsed and verified, from its JVM's start until it was stopped after a whole start (its database, Kafka, its
 * servers). A start that maps its archive skips that work: about 0.7 of the CPU to every service ready
 * (deploy/launcher/START-STOP.md). The JVM does the archiving ({@code -XX:ArchiveClassesAtExit},
 * {@code -XX:SharedArchiveFile}, JDK 13 and later); what it leaves to the launcher is when to record and where to keep
 * what it recorded.
 *
 * <p>An archive belongs to one service's jars and one JDK: it is recorded again when either is newer than it. The JVM
 * checks both again when it maps the archive and runs without it on any mismatch, so a stale archive costs speed, never
 * correctness.
 *
 * @param directory where the archives of one JDK are kept; empty: no archives (the system tests' and benchmarks'
 *                  platforms, which start from clean clones and stop once)
 * @param jdkImage  the JDK's module image, rewritten by any update of that JDK
 */
record StartArchives(Optional<Path> directory, Path jdkImage) {

    /** Below the project root, beside the logs and the kept Kafka data. */
    static final String DIRECTORY = ".platform/start-archives";
    /** Set to {@value #OFF}: no archives, none recorded (to measure a start without them, or to save their disk). */
    static final String SWITCH_VARIABLE = "SHOPFLOW_START_ARCHIVES";
    static final String OFF = "off";
    private static final String RECORDING_SUFFIX = ".recording";

    static StartArchives none() {
        return new StartArchives(Optional.empty(), Path.of(""));
    }

    /**
     * The archives of the JDK the services run on, one directory per JDK (named after its home), unless the
     * environment switches them off.
     */
    static StartArchives kept(Path projectRoot, ServiceJvm jvm, Map<String, String> environment) {
        if (OFF.equals(environment.get(SWITCH_VARIABLE))) {
            return none();
        }
        Path javaHome = jvm.java().getParent().getParent();
        return new StartArchives(Optional.of(projectRoot.resolve(DIRECTORY).resolve(javaHome.getFileName().toString())),
                javaHome.resolve("lib/modules"));
    }

    /** Whether the service has no archive, or one older than its jars or its JDK. */
    boolean needsRecording(ServiceDefinition service, Path projectRoot) {
        if (directory.isEmpty()) {
            return false;
        }
        Path archive = archive(service);
        if (!Files.isRegularFile(archive)) {
            return true;
        }
        FileTime recorded = modified(archive);
        Path appDirectory = service.runnerJar(projectRoot).getParent();
        try (Stream<Path> files = Files.walk(appDirectory)) {
            return Stream.concat(files.filter(Files::isRegularFile), Stream.of(jdkImage))
                    .anyMatch(file -> modified(file).compareTo(recorded) > 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + appDirectory, e);
        }
    }

    /**
     * The JVM options of a start that records the archive when the service stops (its directory made first). The JVM
     * reports every class it cannot archive (a few hundred lines of e.g. "Skipping ...: Not linked"), which is the
     * archive's business, not the log reader's: only errors are logged.
     */
    List<String> recordingOptions(ServiceDefinition service) {
        try {
            Files.createDirectories(directory().orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory().orElseThrow(), e);
        }
        return List.of("-XX:ArchiveClassesAtExit=" + recording(service), "-Xlog:cds=error,cds+dynamic=error");
    }

    /** The JVM options of an ordinary start: the archive, if the service has one. */
    List<String> options(ServiceDefinition service) {
        return directory.isPresent() && Files.isRegularFile(archive(service))
                ? List.of("-XX:SharedArchiveFile=" + archive(service))
                : List.of();
    }

    /**
     * Takes what a recording start wrote as the service's archive. Only for a JVM that ended by itself: one killed
     * while writing leaves half an archive, which is deleted instead.
     */
    void keep(ServiceDefinition service, boolean writtenToTheEnd) {
        try {
            if (writtenToTheEnd && Files.isRegularFile(recording(service))) {
                Files.move(recording(service), archive(service), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(recording(service));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the start-up archive of " + service.name(), e);
        }
    }

    private Path archive(ServiceDefinition service) {
        return directory().orElseThrow().resolve(service.name() + ".jsa");
    }

    private Path recording(ServiceDefinition service) {
        return directory().orElseThrow().resolve(service.name() + ".jsa" + RECORDING_SUFFIX);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
