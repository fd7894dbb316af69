package io.shopflow.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Stream;

/** Checks, before anything starts, that the ports services will bind are free. */
final class Ports {

    private Ports() {
    }

    /**
     * A port is free when we can bind it on all interfaces, as Quarkus does. Checking first matters: a service
     * that cannot bind exits, but a readiness probe could be answered by whatever already holds the port.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Human-readable complaints about the ports of these services that are taken, empty when all are free. */
    static List<String> taken(List<ServiceDefinition> services) {
        return services.stream()
                .flatMap(service -> Stream.concat(
                        Stream.of(portProblem(service, "HTTP", service.httpPort()),
                                portProblem(service, "management", service.managementPort())),
                        service.grpcPort().stream().mapToObj(port -> portProblem(service, "gRPC", port))))
                .filter(problem -> !problem.isEmpty())
                .toList();
    }

    private static String portProblem(ServiceDefinition service, String protocol, int port) {
        return isFree(port) ? "" : service.name() + ": " + protocol + " port " + port + " is already in use";
    }
}
