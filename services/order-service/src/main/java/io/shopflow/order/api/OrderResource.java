package io.shopflow.order.api;

import io.shopflow.events.CanonicalUuid;
import io.shopflow.order.app.OrderPlacement;
import io.shopflow.order.config.OrderServiceConfig;
import io.shopflow.order.domain.OrderProblems.OrderNotFound;
import io.shopflow.order.persistence.OrderStore;
import io.shopflow.order.persistence.OrderViews;
import io.shopflow.order.persistence.OrderViews.OrderView;
import io.shopflow.problems.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirements // none: only the gateway reaches a service, and it checks every caller
public class OrderResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final OrderPlacement placement;
    private final OrderViews views;
    private final OrderStore store;
    private final OrderServiceConfig config;

    public OrderResource(OrderPlacement placement, OrderViews views, OrderStore store, OrderServiceConfig config) {
        this.placement = placement;
        this.views = views;
        this.store = store;
        this.config = config;
    }

    /**
     * Accepts an order: 202, because the saga decides later whether it is confirmed or cancelled; follow the
     * {@code Location} to watch its status. A retry with the same {@code Idempotency-Key} gets the same order.
     */
    @POST
    @Operation(operationId = "placeOrder", summary = "Places an order")
    @APIResponse(responseCode = "202", description = "Accepted; the saga confirms or cancels it later. `Location` is "
            + "the order's URL (relative)", headers = @Header(name = "Location", schema = @Schema(
            type = SchemaType.STRING, format = "uri-reference")), content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "The body has invalid fields, or the Idempotency-Key is empty "
            + "or too long")
    @APIResponse(responseCode = "404", description = "The user (`unknown-user`) or a sku (`unknown-product`) does not "
            + "exist")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key already placed another order "
            + "(`idempotency-key-reused`)")
    public Uni<RestResponse<OrderView>> place(@NotNull @Valid PlaceOrderRequest request,
                                              @RestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
                                              @Context UriInfo uri) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw new InvalidFieldException(IDEMPOTENCY_KEY, "1 to " + MAX_KEY_LENGTH + " characters");
        }
        return placement.place(request.command(), Optional.ofNullable(idempotencyKey))
                .map(order -> RestResponse.ResponseBuilder.<OrderView>accepted()
                        // relative: an absolute link would be built from the request's Host header, which the
                        // client chooses
                        .header(HttpHeaders.LOCATION, uri.getAbsolutePathBuilder().path(order.id().toString())
                                .build().getRawPath())
                        .entity(order)
                        .build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getOrder", summary = "One order with its history")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(responseCode = "404", description = "No such order")
    public Uni<OrderDetails> get(@PathParam("id") String id) {
        var orderId = parse(id);
        return views.find(orderId)
                .map(found -> found.orElseThrow(() -> new OrderNotFound(id)))
                .flatMap(order -> store.history(orderId).map(events -> new OrderDetails(order, events.stream()
                        .map(event -> new OrderDetails.HistoryEntry(event.envelope().type(), event.version(),
                                event.envelope().time(), event.envelope().source()))
                        .toList())));
    }

    /** Newest first, optionally one user's. */
    @GET
    @Operation(operationId = "listOrders", summary = "Orders, newest first, optionally one user's")
    @APIResponse(responseCode = "200", description = "The orders")
    @APIResponse(responseCode = "400", description = "`limit` out of range")
    public Uni<List<OrderView>> list(@RestQuery String userId, @RestQuery @DefaultValue("20") int limit) {
        if (limit < 1 || limit > config.maxPageSize()) {
            throw new InvalidFieldException("limit", "between 1 and " + config.maxPageSize());
        }
        return views.list(Optional.ofNullable(userId), limit);
    }

    private static UUID parse(String id) {
        return CanonicalUuid.parse(id).orElseThrow(() -> new OrderNotFound(id));
    }
}
