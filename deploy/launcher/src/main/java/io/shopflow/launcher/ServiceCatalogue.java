package io.shopflow.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/** The services the platform consists of, read from the one file that lists them: {@value #RESOURCE}. */
final class ServiceCatalogue {

    static final String RESOURCE = "services.properties";

    private final List<ServiceDefinition> services;

    private ServiceCatalogue(List<ServiceDefinition> services) {
        this.services = List.copyOf(services);
    }

    static ServiceCatalogue load() {
        try (InputStream in = ServiceCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the launcher jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    static ServiceCatalogue parse(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        List<ServiceDefinition> services = Arrays.stream(required(properties, "services").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(name -> new ServiceDefinition(name,
                        port(properties, name + ".http-port"),
                        port(properties, name + ".management-port"),
                        optionalPort(properties, name + ".grpc-port"),
                        optional(properties, name + ".database")))
                .toList();
        return new ServiceCatalogue(services);
    }

    /** In the order the catalogue lists them, which is the order they start in. */
    List<ServiceDefinition> services() {
        return services;
    }

    Optional<ServiceDefinition> find(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst();
    }

    /** The service of that name, or a clear refusal listing those there are. */
    ServiceDefinition require(String name) {
        return find(name).orElseThrow(() -> new LaunchException("Unknown service '" + name + "'. The catalogue ("
                + RESOURCE + ") has: " + String.join(", ", names())));
    }

    List<String> names() {
        return services.stream().map(ServiceDefinition::name).toList();
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(RESOURCE + " has no value for '" + key + "'");
        }
        return value.trim();
    }

    private static Optional<String> optional(Properties properties, String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static OptionalInt optionalPort(Properties properties, String key) {
        return properties.getProperty(key, "").isBlank() ? OptionalInt.empty() : OptionalInt.of(port(properties, key));
    }

    private static int port(Properties properties, String key) {
        String value = required(properties, key);
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RESOURCE + ": '" + key + "' must be a port number, got '" + value + "'", e);
        }
    }
}
