package io.shopflow.payment.api;

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
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestQuery;

/** Payments, read only: they are made by the saga, never by a client. */
@Path("/api/v1/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    /** A payment as clients see it; {@code amount} and {@code currency} are absent for a cancelled order's tombstone. */
    public record PaymentView(UUID id, String orderId, String userId, BigDecimal amount, String currency,
                              PaymentStatus status, int attempts, String providerReference, String reason,
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
    public Uni<List<PaymentView>> byOrder(@RestQuery String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw new InvalidFieldException("orderId", "is required");
        }
        return payments.findByOrder(orderId).map(found -> found.map(PaymentView::of).stream().toList());
    }

    @GET
    @Path("/{id}")
    public Uni<PaymentView> get(@PathParam("id") String id) {
        return parse(id).map(payments::find).orElse(Uni.createFrom().item(Optional.empty()))
                .map(found -> found.map(PaymentView::of).orElseThrow(() -> new NotFoundException("No payment " + id)));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
