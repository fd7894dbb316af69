package io.shopflow.systemtests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shopflow.topology.Topology;

/**
 * A service's application.properties as written, and the topology catalogue its values refer to: what a check of a
 * deployment file compares with what the service is configured to do.
 */
final class ServiceConfiguration {

    /** The catalogue's entries, keyed without {@link Topology#PREFIX}. */
    static final Properties CATALOGUE = Topology.load();
    private static final Pattern CATALOGUE_EXPRESSION = Pattern.compile("\\$\\{" + Pattern.quote(Topology.PREFIX) + "([^}]+)}");

    private ServiceConfiguration() {
    }

    static Path file(String service) {
        return Manifests.ROOT.resolve("services").resolve(service).resolve("src/main/resources/application.properties");
    }

    /** Every key of the file as written, profiles' included ({@code %kubernetes.…}). */
    static Properties read(String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file(service))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file(service), e);
        }
        return properties;
    }

    /** The value with every {@code ${shopflow.topology.…}} replaced by the catalogue's entry, as Quarkus does. */
    static String resolved(String value) {
        Matcher expression = CATALOGUE_EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (expression.find()) {
            String entry = CATALOGUE.getProperty(expression.group(1));
            if (entry == null) {
                throw new AssertionError("'" + value + "' names " + Topology.PREFIX + expression.group(1)
                        + ", which the topology catalogue does not have");
            }
            expression.appendReplacement(resolved, Matcher.quoteReplacement(entry));
        }
        return expression.appendTail(resolved).toString();
    }
}
