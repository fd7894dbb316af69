package io.shopflow.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds loopback ports nobody is listening on, so parallel runs on one machine do not collide. */
final class FreePorts {

    private FreePorts() {
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port available", e);
        }
    }

    /** Two distinct ports: asking twice in a row may return the same one once it has been released. */
    static int[] pickTwo() {
        int first = pick();
        int second = pick();
        while (second == first) {
            second = pick();
        }
        return new int[] {first, second};
    }
}
