package io.shopflow.gateway.client;

import io.shopflow.gateway.config.GatewayConfig;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.ServiceInstance;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * HTTP requests to an instance of a service, picked by Stork with the service's configured load balancer
 * ({@code quarkus.stork.<service>.*}), over one shared pool of connections: what the proxy forwards and what a
 * view asks for itself both go this way.
 */
@ApplicationScoped
public class ServiceInstances {

    private static final Logger LOG = Logger.getLogger(ServiceInstances.class);
    /**
     * A request's failure also fails its answer, which the caller handles (the proxy answers 413, 502, 503 or 504);
     * without a handler Vert.x logs each one at ERROR as well, e.g. "Stream reset: 0" for every upload the gateway
     * refuses as too large.
     */
    private static final Handler<Throwable> ANSWERED_BY_THE_CALLER = failure ->
            LOG.debugf("A request to a service failed: %s", failure);

    private final Vertx vertx;
    private final HttpClient client;
    private final int managementPortOffset;

    ServiceInstances(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.managementPortOffset = config.managementPortOffset();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.connectionsPerInstance()));
    }

    public HttpClient client() {
        return client;
    }

    /** A request to an instance of {@code service}; {@code options} say everything but where to. */
    public Future<HttpClientRequest> request(String service, RequestOptions options) {
        return select(service)
                .compose(instance -> client.request(options.setHost(instance.getHost()).setPort(instance.getPort())))
                .onSuccess(request -> request.exceptionHandler(ANSWERED_BY_THE_CALLER));
    }

    /** A request to the management interface of an instance of {@code service}, as {@link #request}. */
    public Future<HttpClientRequest> requestManagement(String service, RequestOptions options) {
        return select(service).compose(instance ->
                        client.request(options.setHost(instance.getHost()).setPort(managementPort(instance))))
                .onSuccess(request -> request.exceptionHandler(ANSWERED_BY_THE_CALLER));
    }

    /**
     * Where {@code instance}'s management interface listens. Stork knows the HTTP port only; every service's
     * management port is its HTTP port plus the same offset (decision 0006).
     */
    public int managementPort(ServiceInstance instance) {
        return instance.getPort() + managementPortOffset;
    }

    private Future<ServiceInstance> select(String service) {
        var selected = Stork.getInstance().getService(service).selectInstance().subscribeAsCompletionStage();
        return Future.fromCompletionStage(selected, vertx.getOrCreateContext());
    }

    /** Every instance of {@code service} Stork knows now, whatever its load balancer would pick. */
    public Future<List<ServiceInstance>> all(String service) {
        var instances = Stork.getInstance().getService(service).getInstances().subscribeAsCompletionStage();
        return Future.fromCompletionStage(instances, vertx.getOrCreateContext());
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
