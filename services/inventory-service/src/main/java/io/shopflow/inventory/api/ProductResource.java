package io.shopflow.inventory.api;

import io.shopflow.inventory.app.Catalogue;
import io.shopflow.inventory.domain.InventoryProblems.ReservationNotFound;
import io.shopflow.inventory.domain.Product;
import io.shopflow.inventory.persistence.ReservationRepository;
import io.shopflow.inventory.persistence.ReservationRepository.Reservation;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirements // none: only the gateway reaches a service, and it checks every caller
public class ProductResource {

    /** A product as clients see it, with what is still available to order. */
    public record ProductView(String sku, String name, BigDecimal unitPrice, String currency, int onHand, int reserved,
                              int available) {
        static ProductView of(Product product) {
            return new ProductView(product.sku(), product.name(), product.unitPrice(), product.currency(),
                    product.onHand(), product.reserved(), product.available());
        }
    }

    public record Restock(@NotNull @Min(0) Integer onHand) {
    }

    private final Catalogue catalogue;
    private final ReservationRepository reservations;

    public ProductResource(Catalogue catalogue, ReservationRepository reservations) {
        this.catalogue = catalogue;
        this.reservations = reservations;
    }

    @GET
    @Path("/products")
    @Operation(operationId = "listProducts", summary = "The catalogue, with what is available to order")
    @APIResponse(responseCode = "200", description = "Every product")
    public Uni<List<ProductView>> products() {
        return catalogue.all().map(products -> products.stream().map(ProductView::of).toList());
    }

    @GET
    @Path("/products/{sku}")
    @Operation(operationId = "getProduct", summary = "One product")
    @APIResponse(responseCode = "200", description = "The product")
    @APIResponse(responseCode = "404", description = "No product with this sku")
    public Uni<ProductView> product(@PathParam("sku") String sku) {
        return catalogue.get(sku).map(ProductView::of);
    }

    /** Sets the stock on hand, e.g. after a delivery: 409 below what open orders have reserved. */
    @PUT
    @Path("/products/{sku}/stock")
    @Operation(operationId = "restockProduct", summary = "Sets the stock on hand")
    @APIResponse(responseCode = "200", description = "The product with its new stock")
    @APIResponse(responseCode = "404", description = "No product with this sku")
    @APIResponse(responseCode = "409", description = "Below what open orders have reserved (`stock-below-reserved`)")
    public Uni<ProductView> restock(@PathParam("sku") String sku, @NotNull @Valid Restock restock) {
        return catalogue.restock(sku, restock.onHand()).map(ProductView::of);
    }

    @GET
    @Path("/reservations/{orderId}")
    @Operation(operationId = "getReservation", summary = "The stock an order holds")
    @APIResponse(responseCode = "200", description = "The reservation")
    @APIResponse(responseCode = "404", description = "No reservation for this order")
    public Uni<Reservation> reservation(@PathParam("orderId") String orderId) {
        return reservations.find(orderId).map(found -> found.orElseThrow(() -> new ReservationNotFound(orderId)));
    }
}
