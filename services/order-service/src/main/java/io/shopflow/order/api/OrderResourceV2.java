package io.shopflow.order.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

/** Version 2 of the order resource: one order, reshaped from what v1 reads ({@link OrderDetailsV2}). */
@Path("/api/v2/orders")
@Produces({MediaType.APPLICATION_JSON, OrderDetailsV2.MEDIA_TYPE})
@SecurityRequirements // none: only the gateway reaches a service, and it checks every caller
public class OrderResourceV2 {

    private final OrderResource v1;

    public OrderResourceV2(OrderResource v1) {
        this.v1 = v1;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getOrderV2", summary = "One order with its history, amounts as exact decimal strings")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(responseCode = "404", description = "No such order")
    public Uni<OrderDetailsV2> get(@PathParam("id") String id) {
        return v1.get(id).map(OrderDetailsV2::of);
    }
}
