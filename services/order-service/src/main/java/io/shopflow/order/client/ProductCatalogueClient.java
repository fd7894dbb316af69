package io.shopflow.order.client;

import io.quarkus.grpc.GrpcClient;
import io.shopflow.calls.CallFailure;
import io.shopflow.calls.RetryableCallException;
import io.shopflow.grpc.inventory.v1.GetProductsRequest;
import io.shopflow.grpc.inventory.v1.GetProductsResponse;
import io.shopflow.grpc.inventory.v1.MutinyInventoryServiceGrpc.MutinyInventoryServiceStub;
import io.shopflow.order.config.OrderServiceConfig;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * inventory-service over gRPC: the products (prices) of an order's skus, in one round trip, with the same deadline,
 * timeout, retry and breaker policy as {@link UserDirectoryClient}.
 */
@ApplicationScoped
public class ProductCatalogueClient {

    private final MutinyInventoryServiceStub inventory;
    private final Duration deadline;

    public ProductCatalogueClient(@GrpcClient("inventory") MutinyInventoryServiceStub inventory,
                                  OrderServiceConfig config) {
        this.inventory = inventory;
        this.deadline = config.callDeadline();
    }

    @Timeout
    @ExponentialBackoff
    @Retry(retryOn = {RetryableCallException.class, TimeoutException.class})
    @CircuitBreaker(failOn = {RetryableCallException.class, TimeoutException.class})
    public Uni<GetProductsResponse> products(Collection<String> skus) {
        return inventory.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).getProducts(GetProductsRequest.newBuilder().addAllSkus(skus).build())
                .onFailure().transform(failure -> CallFailure.classify("inventory.GetProducts", failure));
    }
}
