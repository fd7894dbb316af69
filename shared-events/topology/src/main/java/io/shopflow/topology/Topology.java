package io.shopflow.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Properties;

/**
 * The platform's topology catalogue ({@value #RESOURCE} in this module's jar) for code that is not a Quarkus
 * application: the launcher and the checks of the deployment files. A Quarkus service needs none of this: its
 * configuration already holds every {@value #PREFIX} key.
 */
public final class Topology {

    public static final String PREFIX = "shopflow.topology.";
    static final String RESOURCE = "META-INF/microprofile-config.properties";

    private Topology() {
    }

    /**
     * The catalogue's entries, keyed without {@value #PREFIX} ({@code services}, {@code user-service.http-port}, ...).
     * Read like MicroProfile Config reads it: from every {@value #RESOURCE} on the class path, of which other jars
     * may have their own; only this prefix's keys are kept.
     */
    public static Properties load() {
        Properties catalogue = new Properties();
        try {
            for (URL source : Collections.list(Topology.class.getClassLoader().getResources(RESOURCE))) {
                Properties properties = new Properties();
                try (InputStream in = source.openStream()) {
                    properties.load(in);
                }
                properties.stringPropertyNames().stream().filter(key -> key.startsWith(PREFIX))
                        .forEach(key -> catalogue.setProperty(key.substring(PREFIX.length()), properties.getProperty(key)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the topology catalogue " + RESOURCE, e);
        }
        if (catalogue.isEmpty()) {
            throw new IllegalStateException("No " + PREFIX + "* keys in any " + RESOURCE + ": the topology jar is missing");
        }
        return catalogue;
    }
}
