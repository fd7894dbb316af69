package io.shopflow.calls.balancing;

import static io.grpc.ConnectivityState.IDLE;

import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;
import io.grpc.NameResolver.ConfigOrError;
import io.grpc.util.ForwardingLoadBalancer;
import io.grpc.util.ForwardingLoadBalancerHelper;
import io.grpc.util.ForwardingSubchannel;
import io.smallrye.stork.Stork;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Quarkus' gRPC load balancer for Stork (the {@code stork} policy) with one thing added: a subchannel whose
 * connection closed connects again. Quarkus 3.29's balancer offers Stork only the instances whose subchannel is
 * READY and never asks an IDLE subchannel to connect, and gRPC leaves a subchannel IDLE once its connection closes
 * (the instance stopped, was restarted or dropped the connection). So an instance that came back at the same
 * address got no call again while any other instance was up, until the discovered instances changed: a replica
 * restarted in place (a container restarted in its pod, a process started again on its port) stayed out for the
 * caller's life. gRPC's own {@code round_robin} asks an IDLE subchannel to connect, and so does this; while the
 * instance is down, gRPC retries with its backoff (1 s, growing to 2 min).
 *
 * <p>Hand-written because Quarkus has no setting for it. Only the subchannels of the latest resolved addresses
 * are reconnected: Quarkus' balancer makes new ones at each resolution and never shuts the old ones down
 * (quarkusio/quarkus#54869), and those must stay idle rather than hold connections nobody picks. Drop this
 * class once an upgraded Quarkus reconnects by itself: LoadBalancingTest's kill test tells.
 */
final class ReconnectingStorkLoadBalancerProvider extends LoadBalancerProvider {

    private final LoadBalancerProvider quarkus;

    private ReconnectingStorkLoadBalancerProvider(LoadBalancerProvider quarkus) {
        this.quarkus = quarkus;
    }

    /**
     * Puts itself in front of the {@code stork} policy's provider in gRPC's registry (it ranks above it); nothing
     * when that policy is not registered or is already this one.
     */
    static void install(LoadBalancerRegistry registry) {
        var registered = registry.getProvider(Stork.STORK);
        if (registered != null && !(registered instanceof ReconnectingStorkLoadBalancerProvider)) {
            registry.register(new ReconnectingStorkLoadBalancerProvider(registered));
        }
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public int getPriority() {
        return quarkus.getPriority() + 1;
    }

    @Override
    public String getPolicyName() {
        return quarkus.getPolicyName();
    }

    @Override
    public ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> rawConfig) {
        return quarkus.parseLoadBalancingPolicyConfig(rawConfig);
    }

    @Override
    public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
        return new Reconnecting(helper);
    }

    /** Quarkus' balancer, given subchannels that connect again when they turn IDLE. All runs in gRPC's sync context. */
    private final class Reconnecting extends ForwardingLoadBalancer {

        private final LoadBalancer balancer;
        /** The subchannels made for the latest resolved addresses: the ones Quarkus' picker picks from. */
        private Set<Subchannel> current = new HashSet<>();

        Reconnecting(Helper helper) {
            balancer = quarkus.newLoadBalancer(new ForwardingLoadBalancerHelper() {
                @Override
                protected Helper delegate() {
                    return helper;
                }

                @Override
                public Subchannel createSubchannel(CreateSubchannelArgs args) {
                    var subchannel = new ReconnectingSubchannel(helper.createSubchannel(args));
                    current.add(subchannel);
                    return subchannel;
                }
            });
        }

        @Override
        protected LoadBalancer delegate() {
            return balancer;
        }

        @Override
        public void handleResolvedAddresses(ResolvedAddresses resolvedAddresses) {
            current = new HashSet<>();
            super.handleResolvedAddresses(resolvedAddresses);
        }

        private final class ReconnectingSubchannel extends ForwardingSubchannel {

            private final Subchannel subchannel;

            ReconnectingSubchannel(Subchannel subchannel) {
                this.subchannel = subchannel;
            }

            @Override
            protected Subchannel delegate() {
                return subchannel;
            }

            @Override
            public void start(SubchannelStateListener listener) {
                super.start(state -> {
                    listener.onSubchannelState(state);
                    if (state.getState() == IDLE && current.contains(this)) {
                        requestConnection();
                    }
                });
            }
        }
    }
}
