package io.shopflow.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The catalogue keeps the port scheme of decision 0006, so that no two ports collide, tests' included. */
class TopologyTest {

    private static final int MANAGEMENT_OFFSET = 1100;
    private static final int GRPC_OFFSET = 1000;
    private static final int TEST_OFFSET = 10000;

    private final Properties catalogue = Topology.load();

    private List<String> services() {
        return List.of(catalogue.getProperty("services").split("\\s*,\\s*"));
    }

    private int port(String key) {
        String value = catalogue.getProperty(key);
        assertNotNull(value, Topology.PREFIX + key);
        return Integer.parseInt(value);
    }

    @Test
    void listsTheEightServicesInStartOrderGatewayLast() {
        assertEquals(8, services().size(), services().toString());
        assertEquals("api-gateway", services().get(services().size() - 1));
    }

    @Test
    void everyPortFollowsTheSchemeAndNoneIsTakenTwice() {
        var ports = new ArrayList<Integer>();
        for (String service : services()) {
            int http = port(service + ".http-port");
            assertTrue(http >= 8080 && http <= 8090, service + ": HTTP ports are 8080-8090");
            assertEquals(http + MANAGEMENT_OFFSET, port(service + ".management-port"), service);
            boolean grpc = catalogue.containsKey(service + ".grpc-port");
            if (grpc) {
                assertEquals(http + GRPC_OFFSET, port(service + ".grpc-port"), service);
            } else {
                assertFalse(catalogue.containsKey(service + ".grpc-test-port"), service + ": a test port for no server");
            }
            for (String kind : grpc ? List.of("http", "management", "grpc") : List.of("http", "management")) {
                assertEquals(port(service + "." + kind + "-port") + TEST_OFFSET, port(service + "." + kind + "-test-port"),
                        service + ": " + kind + " in tests");
            }
            // The gRPC port is reserved where unused, so that a gRPC API added later takes it from the scheme too.
            for (int port : new int[] {http, http + MANAGEMENT_OFFSET, http + GRPC_OFFSET}) {
                ports.add(port);
                ports.add(port + TEST_OFFSET);
            }
        }
        var distinct = new HashSet<Integer>();
        assertEquals(List.of(), ports.stream().filter(port -> !distinct.add(port)).toList(), "ports taken twice");
    }

    @Test
    void keysAreOnlyTheOnesTheReadersKnow() {
        var known = List.of("http-port", "management-port", "grpc-port", "http-test-port", "management-test-port",
                "grpc-test-port", "database");
        for (String key : catalogue.stringPropertyNames()) {
            if (key.equals("services")) {
                continue;
            }
            String service = key.substring(0, key.indexOf('.'));
            assertTrue(services().contains(service), key + ": a service the list does not name");
            assertTrue(known.contains(key.substring(service.length() + 1)), key + ": unknown key");
        }
    }
}
