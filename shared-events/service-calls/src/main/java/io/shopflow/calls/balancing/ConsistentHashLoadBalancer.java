package io.shopflow.calls.balancing;

import io.smallrye.stork.api.LoadBalancer;
import io.smallrye.stork.api.NoServiceInstanceFoundException;
import io.smallrye.stork.api.ServiceInstance;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Consistent hashing (a ring with virtual nodes, as in ketama): a call with a {@link RoutingKey} goes to the
 * instance that owns the key's point on the ring, so the same key keeps reaching the same instance (its caches
 * stay warm). When an instance leaves (or is ejected for failing, {@link Ejections}), only its keys move, to their
 * next owner on the ring; when it comes back, they return. A call without a key is spread round-robin. Hand-written because Stork ships no key-aware
 * balancer.
 */
final class ConsistentHashLoadBalancer implements LoadBalancer {

    private final int virtualNodes;
    private final Ejections ejections;
    private final AtomicLong unkeyedCalls = new AtomicLong();
    private volatile Ring ring = new Ring(Set.of(), new TreeMap<>());

    ConsistentHashLoadBalancer(int virtualNodes, Ejections ejections) {
        this.virtualNodes = virtualNodes;
        this.ejections = ejections;
    }

    @Override
    public ServiceInstance selectServiceInstance(Collection<ServiceInstance> offered) {
        if (offered.isEmpty()) {
            throw new NoServiceInstanceFoundException("No service instance to choose from");
        }
        var instances = ejections.healthy(offered);
        var chosen = RoutingKey.current().map(key -> owner(instances, key)).orElseGet(() -> nextOf(instances));
        ejections.track(chosen);
        return chosen;
    }

    private ServiceInstance owner(List<ServiceInstance> instances, String key) {
        String owner = ringOf(instances).owner(point(key));
        return instances.stream().filter(instance -> Addresses.of(instance).equals(owner)).findFirst().orElseThrow();
    }

    private ServiceInstance nextOf(List<ServiceInstance> instances) {
        var ordered = instances.stream().sorted(Comparator.comparing(Addresses::of)).toList();
        return ordered.get((int) Math.floorMod(unkeyedCalls.getAndIncrement(), (long) ordered.size()));
    }

    /** The ring of these instances: rebuilt only when the set of instances changes. */
    private Ring ringOf(Collection<ServiceInstance> instances) {
        var addresses = instances.stream().map(Addresses::of).collect(Collectors.toUnmodifiableSet());
        var current = ring;
        if (current.addresses().equals(addresses)) {
            return current;
        }
        var points = new TreeMap<Long, String>();
        for (var address : addresses) {
            for (int node = 0; node < virtualNodes; node++) {
                points.put(point(address + "#" + node), address);
            }
        }
        var rebuilt = new Ring(addresses, points);
        ring = rebuilt;
        return rebuilt;
    }

    /** A well-spread 64-bit point for a string: the first eight bytes of its MD5 digest. */
    private static long point(String value) {
        try {
            var digest = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
    }

    /** The instances' points; each point belongs to the address of one instance. */
    private record Ring(Set<String> addresses, NavigableMap<Long, String> points) {

        /** The address owning {@code point}: the first point at or after it, wrapping around past the last. */
        String owner(long point) {
            var entry = points.ceilingEntry(point);
            return entry != null ? entry.getValue() : points.firstEntry().getValue();
        }
    }
}
