package io.shopflow.launcher;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

import io.shopflow.topology.Topology;

/**
 * The services the platform consists of, read from the one file that lists them: the topology catalogue of
 * shared-events/topology, which the services read as their configuration.
 */
final class ServiceCatalogue {

    private static final String WHERE = "the topology catalogue (shared-events/topology)";

    private final List<ServiceDefinition> services;

    private ServiceCatalogue(List<ServiceDefinition> services) {
        this.services = List.copyOf(services);
    }

    static ServiceCatalogue load() {
        return parse(Topology.load());
    }

    /** The catalogue's entries, keyed without their prefix, as {@link Topology#load()} gives them. */
    static ServiceCatalogue parse(Properties properties) {
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
        return find(name).orElseThrow(() -> new LaunchException("Unknown service '" + name + "'; "
                + WHERE + " has: " + String.join(", ", names())));
    }

    List<String> names() {
        return services.stream().map(ServiceDefinition::name).toList();
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(WHERE + " has no value for '" + Topology.PREFIX + key + "'");
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
            throw new IllegalArgumentException(WHERE + ": '" + Topology.PREFIX + key + "' must be a port number, got '"
                    + value + "'", e);
        }
    }
}
