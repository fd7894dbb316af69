package io.shopflow.calls.balancing;

import io.smallrye.stork.api.ServiceInstance;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Service instances at {@code localhost:9001}, {@code localhost:9002}... as discovery would offer them. */
final class Instances {

    private Instances() {
    }

    static List<ServiceInstance> first(int count) {
        return IntStream.rangeClosed(1, count).<ServiceInstance>mapToObj(n -> new At(n, "localhost", 9000 + n)).toList();
    }

    private record At(long getId, String getHost, int getPort) implements ServiceInstance {

        @Override
        public Optional<String> getPath() {
            return Optional.empty();
        }

        @Override
        public boolean isSecure() {
            return false;
        }
    }
}
