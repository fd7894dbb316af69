package io.shopflow.calls.balancing;

import io.smallrye.stork.api.ServiceInstance;
import java.util.HashMap;
import java.util.Map;

/** Instances named the way configuration names them: {@code host:port}. */
final class Addresses {

    private Addresses() {
    }

    static String of(ServiceInstance instance) {
        return instance.getHost() + ":" + instance.getPort();
    }

    /**
     * Parses {@code host:port=weight,host:port=weight}; blank means no entries. Fails with a message naming the
     * bad entry, so a typo stops the application at start instead of silently weighing 1.
     */
    static Map<String, Integer> weights(String spec) {
        var weights = new HashMap<String, Integer>();
        if (spec == null || spec.isBlank()) {
            return weights;
        }
        for (var entry : spec.split(",")) {
            var parts = entry.trim().split("=");
            if (parts.length != 2 || !parts[0].contains(":")) {
                throw new IllegalArgumentException("Weights are 'host:port=weight,...'; cannot read '" + entry + "'");
            }
            weights.put(parts[0].trim(), positive(parts[1].trim(), entry));
        }
        return weights;
    }

    static int positive(String number, String where) {
        try {
            int value = Integer.parseInt(number);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Expected a whole number above 0 in '" + where + "'");
    }
}
