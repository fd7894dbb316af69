package io.shopflow.shipping.api;

import io.shopflow.callers.Caller;
import io.shopflow.events.CanonicalUuid;
import io.shopflow.problems.InvalidFieldException;
import io.shopflow.problems.NotFoundException;
import io.shopflow.shipping.domain.Shipment;
import io.shopflow.shipping.persistence.ShipmentRepository;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Shipments, read only: the saga schedules them. Each is for its order's user and for admins only: the gateway
 * cannot tell whose a shipment is, so this resource checks the one it loaded against the {@link Caller} the
 * gateway passes (its routes say {@code owner=object}).
 */
@Path("/api/v1/shipments")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirements // none: only the gateway reaches a service, and it checks every caller
public class ShipmentResource {

    private final ShipmentRepository shipments;

    public ShipmentResource(ShipmentRepository shipments) {
        this.shipments = shipments;
    }

    /** The order's shipment as a list of zero or one, so that "not yet" is not an error. */
    @GET
    @Operation(operationId = "findShipments", summary = "An order's shipment, as a list of zero or one")
    @APIResponse(responseCode = "200", description = "The order's shipment, once scheduled")
    @APIResponse(responseCode = "400", description = "`orderId` is missing")
    @APIResponse(responseCode = "403", description = "The shipment is another user's")
    public Uni<List<Shipment>> byOrder(@RestQuery String orderId, @Context HttpHeaders headers) {
        if (orderId == null || orderId.isBlank()) {
            throw new InvalidFieldException("orderId", "is required");
        }
        var caller = Caller.of(headers);
        return shipments.findByOrder(orderId)
                .map(found -> found.map(shipment -> caller.mayRead(shipment, shipment.userId())).stream().toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getShipment", summary = "One shipment")
    @APIResponse(responseCode = "200", description = "The shipment")
    @APIResponse(responseCode = "403", description = "The shipment is another user's")
    @APIResponse(responseCode = "404", description = "No such shipment")
    public Uni<Shipment> get(@PathParam("id") String id, @Context HttpHeaders headers) {
        var caller = Caller.of(headers);
        return CanonicalUuid.parse(id).map(shipments::find).orElse(Uni.createFrom().item(Optional.empty()))
                .map(found -> found.map(shipment -> caller.mayRead(shipment, shipment.userId()))
                        .orElseThrow(() -> new NotFoundException("No shipment " + id)));
    }
}
