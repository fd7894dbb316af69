package io.shopflow.calls.balancing;

import static io.grpc.ConnectivityState.CONNECTING;
import static io.grpc.ConnectivityState.IDLE;
import static io.grpc.ConnectivityState.READY;
import static io.grpc.ConnectivityState.TRANSIENT_FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Attributes;
import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancer.CreateSubchannelArgs;
import io.grpc.LoadBalancer.Helper;
import io.grpc.LoadBalancer.ResolvedAddresses;
import io.grpc.LoadBalancer.Subchannel;
import io.grpc.LoadBalancer.SubchannelPicker;
import io.grpc.LoadBalancer.SubchannelStateListener;
import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconnection put in front of the {@code stork} policy's balancer, around a stand-in that treats subchannels as
 * Quarkus 3.29's does (new ones for every resolution, started with its own listener, never asked to connect). gRPC's
 * channel is replaced by a helper that makes subchannels whose state the test sets; LoadBalancingTest (order-service)
 * shows the same with real replicas, one of them killed and started again.
 */
class ReconnectingStorkLoadBalancerProviderTest {

    private final LoadBalancerRegistry registry = new LoadBalancerRegistry();
    private final StandInHelper channel = new StandInHelper();
    private final StandInProvider quarkus = new StandInProvider();

    @BeforeEach
    void quarkusRegisteredItsBalancer() {
        registry.register(quarkus);
    }

    @Test
    void is_installed_in_front_of_the_stork_policy_once() {
        ReconnectingStorkLoadBalancerProvider.install(registry);
        ReconnectingStorkLoadBalancerProvider.install(registry);

        var chosen = registry.getProvider("stork");
        assertThat(chosen).isInstanceOf(ReconnectingStorkLoadBalancerProvider.class);
        assertThat(chosen.getPriority()).as("one above Quarkus', not wrapped twice").isEqualTo(quarkus.getPriority() + 1);
    }

    @Test
    void is_not_installed_where_no_stork_balancer_is() {
        var empty = new LoadBalancerRegistry();

        ReconnectingStorkLoadBalancerProvider.install(empty);

        assertThat(empty.getProvider("stork")).isNull();
    }

    @Test
    void a_subchannel_whose_connection_closed_is_asked_to_connect_again() {
        var balancer = installedBalancer();
        balancer.handleResolvedAddresses(addresses(2));
        var closed = channel.made.get(0);

        closed.becomes(READY);
        closed.becomes(IDLE);

        assertThat(closed.connectionRequests).as("connections asked of the subchannel that went IDLE").isEqualTo(1);
        assertThat(quarkus.seen).as("what Quarkus' balancer still sees").containsExactly(READY, IDLE);
    }

    @Test
    void a_subchannel_connecting_or_failing_is_left_to_grpc() {
        var balancer = installedBalancer();
        balancer.handleResolvedAddresses(addresses(1));
        var subchannel = channel.made.get(0);

        subchannel.becomes(CONNECTING);
        subchannel.becomes(TRANSIENT_FAILURE);
        subchannel.becomes(READY);

        assertThat(subchannel.connectionRequests).as("gRPC retries a failed connection with its own backoff").isZero();
    }

    @Test
    void subchannels_of_an_earlier_resolution_stay_idle() {
        var balancer = installedBalancer();
        balancer.handleResolvedAddresses(addresses(1));
        balancer.handleResolvedAddresses(addresses(1));
        var earlier = channel.made.get(0);
        var latest = channel.made.get(1);

        earlier.becomes(IDLE);
        latest.becomes(IDLE);

        assertThat(earlier.connectionRequests).as("a subchannel Quarkus' picker no longer picks from").isZero();
        assertThat(latest.connectionRequests).isEqualTo(1);
    }

    private LoadBalancer installedBalancer() {
        ReconnectingStorkLoadBalancerProvider.install(registry);
        return registry.getProvider("stork").newLoadBalancer(channel);
    }

    private static ResolvedAddresses addresses(int count) {
        return ResolvedAddresses.newBuilder().setAddresses(IntStream.range(0, count)
                .mapToObj(n -> new EquivalentAddressGroup(new InetSocketAddress("localhost", 18081 + n))).toList())
                .build();
    }

    /** Treats subchannels as Quarkus 3.29's balancer does. */
    private static final class StandInProvider extends LoadBalancerProvider {

        final List<ConnectivityState> seen = new ArrayList<>();

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public int getPriority() {
            return 4;
        }

        @Override
        public String getPolicyName() {
            return "stork";
        }

        @Override
        public LoadBalancer newLoadBalancer(Helper helper) {
            return new LoadBalancer() {
                @Override
                public void handleResolvedAddresses(ResolvedAddresses resolved) {
                    for (var group : resolved.getAddresses()) {
                        helper.createSubchannel(CreateSubchannelArgs.newBuilder().setAddresses(group).build())
                                .start(state -> seen.add(state.getState()));
                    }
                }

                @Override
                public void handleNameResolutionError(Status error) {
                }

                @Override
                public void shutdown() {
                }
            };
        }
    }

    /** gRPC's channel as far as a balancer sees it: it makes subchannels whose state the test sets. */
    private static final class StandInHelper extends Helper {

        final List<StandInSubchannel> made = new ArrayList<>();

        @Override
        public Subchannel createSubchannel(CreateSubchannelArgs args) {
            var subchannel = new StandInSubchannel();
            made.add(subchannel);
            return subchannel;
        }

        @Override
        public void updateBalancingState(ConnectivityState state, SubchannelPicker picker) {
        }

        @Override
        public String getAuthority() {
            return "user-service";
        }

        @Override
        public ManagedChannel createOobChannel(EquivalentAddressGroup addresses, String authority) {
            throw new UnsupportedOperationException("not used by the balancers under test");
        }
    }

    private static final class StandInSubchannel extends Subchannel {

        int connectionRequests;
        private SubchannelStateListener listener;

        void becomes(ConnectivityState state) {
            listener.onSubchannelState(state == TRANSIENT_FAILURE
                    ? ConnectivityStateInfo.forTransientFailure(Status.UNAVAILABLE)
                    : ConnectivityStateInfo.forNonError(state));
        }

        @Override
        public void start(SubchannelStateListener listener) {
            this.listener = listener;
        }

        @Override
        public void requestConnection() {
            connectionRequests++;
        }

        @Override
        public void shutdown() {
        }

        @Override
        public Attributes getAttributes() {
            return Attributes.EMPTY;
        }
    }
}
