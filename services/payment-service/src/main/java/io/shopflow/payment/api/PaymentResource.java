package io.shopflow.payment.api;

import io.shopflow.callers.Caller;
import io.shopflow.events.CanonicalUuid;
import io.shopflow.payment.domain.Payment;
import io.shopflow.payment.domain.PaymentStatus;
import io.shopflow.payment.persistence.PaymentRepository;
import io.shopflow.problems.InvalidFieldException;
import io.shopflow.problems.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Payments, read only: they are made by the saga, never by a client. Each is for its order's user and for admins
 * only: the gateway cannot tell whose a payment is, so this resource checks the one it loaded against the
 * {@link Caller} the gateway passes (its routes say {@code owner=object}).
 */
@Path("/api/v1/payments")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirements // none: only the gateway reaches a service, and it checks every caller
public class PaymentResource {

    /** A payment as clients see it; {@code amount} and {@code currency} are absent for a cancelled order's tombstone. */
    public record PaymentView(UUID id, String orderId, String userId,
                              @Schema(nullable = true) BigDecimal amount, @Schema(nullable = true) String currency,
                              PaymentStatus status, int attempts,
                              @Schema(nullable = true, description = "The provider's charge id, once charged")
                              String providerReference,
                              @Schema(nullable = true, description = "Why it failed or was cancelled") String reason,
                              OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static PaymentView of(Payment payment) {
            return new PaymentView(payment.id(), payment.orderId(), payment.userId(),
                    payment.amount() == null ? null : payment.amount().amount(),
                    payment.amount() == null ? null : payment.amount().currency(), payment.status(), payment.attempts(),
                    payment.providerReference(), payment.reason(), payment.createdAt(), payment.updatedAt());
        }
    }

    private final PaymentRepository payments;

    public PaymentResource(PaymentRepository payments) {
        this.payments = payments;
    }

    /** The order's payment as a list of zero or one, so that "none yet" is not an error. */
    @GET
    @Operation(operationId = "findPayments", summary = "An order's payment, as a list of zero or one")
    @APIResponse(responseCode = "200", description = "The order's payment, if one was made")
    @APIResponse(responseCode = "400", description = "`orderId` is missing")
    @APIResponse(responseCode = "403", description = "The payment is another user's")
    public Uni<List<PaymentView>> byOrder(@RestQuery String orderId, @Context HttpHeaders headers) {
        if (orderId == null || orderId.isBlank()) {
            throw new InvalidFieldException("orderId", "is required");
        }
        var caller = Caller.of(headers);
        return payments.findByOrder(orderId).map(found -> found.map(payment -> caller.mayRead(payment, payment.userId()))
                .map(PaymentView::of).stream().toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPayment", summary = "One payment")
    @APIResponse(responseCode = "200", description = "The payment")
    @APIResponse(responseCode = "403", description = "The payment is another user's")
    @APIResponse(responseCode = "404", description = "No such payment")
    public Uni<PaymentView> get(@PathParam("id") String id, @Context HttpHeaders headers) {
        var caller = Caller.of(headers);
        return CanonicalUuid.parse(id).map(payments::find).orElse(Uni.createFrom().item(Optional.empty()))
                .map(found -> found.map(payment -> caller.mayRead(payment, payment.userId())).map(PaymentView::of)
                        .orElseThrow(() -> new NotFoundException("No payment " + id)));
    }
}
