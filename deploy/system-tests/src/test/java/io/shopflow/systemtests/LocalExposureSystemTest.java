package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the platform that {@code ./platform up} starts shows to others: nothing on this machine's network addresses
 * (every server listens on the loopback interface), and on each service's public port none of the operations
 * endpoints, which are on its management port instead.
 */
@ExtendWith(SystemUnderTest.Shared.class)
class LocalExposureSystemTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SystemUnderTest system;

    @BeforeAll
    static void connect(SystemUnderTest running) {
        system = running;
    }

    @Test
    void no_service_answers_on_the_machines_network_address() throws IOException {
        var address = networkAddress();
        assumeTrue(address.isPresent(), "this machine has no network address but loopback");
        for (String service : system.services()) {
            for (URI local : List.of(system.direct(service, "/"), system.management(service, "/"))) {
                assertThat(connects(new InetSocketAddress("127.0.0.1", local.getPort())))
                        .as("%s on 127.0.0.1:%d", service, local.getPort()).isTrue();
                assertThatThrownBy(() -> new Socket(address.get(), local.getPort()).close())
                        .as("%s on %s:%d", service, address.get().getHostAddress(), local.getPort())
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void operations_endpoints_are_on_the_management_port_only() throws Exception {
        assertThat(system.services()).as("the services the launcher started").contains("api-gateway", "order-service");
        for (String service : system.services()) {
            for (String path : List.of("/q/health/ready", "/q/metrics")) {
                assertThat(status(system.direct(service, path))).as("%s %s on its public port", service, path)
                        .isEqualTo(404);
                assertThat(status(system.management(service, path))).as("%s %s on its management port", service, path)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void a_path_that_climbs_out_of_a_gateway_route_does_not_reach_the_metrics() throws IOException {
        URI gateway = system.api("/");
        try (var socket = new Socket(gateway.getHost(), gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            // Written to the socket as it is: HTTP clients remove dot segments before sending.
            out.write(("GET /api/v1/products/../../../q/metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 404").doesNotContain("http_server_requests");
        }
    }

    private static int status(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean connects(InetSocketAddress address) {
        try (var socket = new Socket()) {
            socket.connect(address, 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** An IPv4 address of an interface that is up and not loopback, if the machine has one. */
    private static Optional<InetAddress> networkAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }
}
