package io.shopflow.inventory.api;

import io.shopflow.inventory.domain.Catalogue;
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

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
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
    public Uni<List<ProductView>> products() {
        return catalogue.all().map(products -> products.stream().map(ProductView::of).toList());
    }

    @GET
    @Path("/products/{sku}")
    public Uni<ProductView> product(@PathParam("sku") String sku) {
        return catalogue.get(sku).map(ProductView::of);
    }

    /** Sets the stock on hand, e.g. after a delivery: 409 below what open orders have reserved. */
    @PUT
    @Path("/products/{sku}/stock")
    public Uni<ProductView> restock(@PathParam("sku") String sku, @NotNull @Valid Restock restock) {
        return catalogue.restock(sku, restock.onHand()).map(ProductView::of);
    }

    @GET
    @Path("/reservations/{orderId}")
    public Uni<Reservation> reservation(@PathParam("orderId") String orderId) {
        return reservations.find(orderId).map(found -> found.orElseThrow(() -> new ReservationNotFound(orderId)));
    }
}
