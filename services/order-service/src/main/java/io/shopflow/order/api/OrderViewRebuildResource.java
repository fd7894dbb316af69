package io.shopflow.order.api;

import io.shopflow.order.app.OrderViewRebuild;
import io.shopflow.order.persistence.OrderViewRebuilds.Progress;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Rebuilding the orders read model from the event store, for operators: {@code /admin/order-views/rebuild}. The
 * gateway publishes it under {@code /api/v1/admin/order-views/rebuild} to holders of {@code admin:platform} only.
 */
@Path("/admin/order-views/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirements // none: only the gateway reaches a service, and it checks every caller
public class OrderViewRebuildResource {

    private final OrderViewRebuild rebuild;

    public OrderViewRebuildResource(OrderViewRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** 202: the rebuild goes on in the background; GET this address to follow it. 409 while one is running. */
    @POST
    public Uni<RestResponse<Progress>> start() {
        return rebuild.start().map(RestResponse::accepted);
    }

    /** The latest rebuild: RUNNING (with its progress), FINISHED, FAILED or INTERRUPTED. 404 if there was none. */
    @GET
    public Uni<Progress> latest() {
        return rebuild.latest();
    }
}
