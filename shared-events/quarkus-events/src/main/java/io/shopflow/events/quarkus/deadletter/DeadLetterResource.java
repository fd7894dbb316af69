package io.shopflow.events.quarkus.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.shopflow.problems.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * This service's dead letters, for operators: {@code /admin/dead-letters}. The gateway publishes it per service
 * under {@code /api/v1/admin/dead-letters/<service>}, to holders of {@code admin:platform} only (its routes);
 * nothing else reaches a service's port (docs/security.md).
 */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirements // none: only the gateway reaches a service, and it checks every caller
public class DeadLetterResource {

    /** Redrive these ids, or every waiting dead letter of this type: exactly one of the two. */
    public record RedriveRequest(@Size(max = 1000) List<@NotNull UUID> ids, String type) {
    }

    public record DiscardRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    /** One dead letter; its headers and payload only when asked for by id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(UUID id, String consumer, String topic, String type, Integer version, String aggregateId,
                       String error, int attempts, Instant firstFailedAt, Instant failedAt, DeadLetter.Status status,
                       boolean handled, int redrives, Instant redrivenAt, Instant discardedAt, String discardReason,
                       List<DeadLetter.Header> headers, String payload) {

        static View summary(DeadLetter letter) {
            return of(letter, null, null);
        }

        static View details(DeadLetter letter) {
            return of(letter, letter.headers(),
                    letter.payload() == null ? null : new String(letter.payload(), StandardCharsets.UTF_8));
        }

        private static View of(DeadLetter letter, List<DeadLetter.Header> headers, String payload) {
            return new View(letter.id(), letter.consumer(), letter.topic(), letter.eventType(), letter.eventVersion(),
                    letter.aggregateId(), letter.error(), letter.attempts(), letter.firstFailedAt(),
                    letter.failedAt(), letter.status(), letter.handled(), letter.redrives(), letter.redrivenAt(),
                    letter.discardedAt(), letter.discardReason(), headers, payload);
        }
    }

    private final DeadLetters deadLetters;

    public DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Newest first; {@code status} (WAITING, REDRIVEN, DISCARDED) and {@code type} (OrderPlaced) narrow it. */
    @GET
    public Uni<List<View>> list(@RestQuery String status, @RestQuery String type,
                                @RestQuery @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return deadLetters.list(new DeadLetterStore.Filter(status(status), type, limit))
                .map(letters -> letters.stream().map(View::summary).toList());
    }

    @GET
    @Path("{id}")
    public Uni<View> show(@RestPath UUID id) {
        return deadLetters.show(id).map(View::details);
    }

    /** 202: sent to the consumer again; {@code handled} turns true once it took effect there. */
    @POST
    @Path("{id}/redrive")
    public Uni<RestResponse<List<View>>> redriveOne(@RestPath UUID id) {
        return accepted(deadLetters.redrive(List.of(id)));
    }

    @POST
    @Path("redrive")
    public Uni<RestResponse<List<View>>> redrive(@NotNull @Valid RedriveRequest request) {
        boolean byIds = request.ids() != null && !request.ids().isEmpty();
        boolean byType = request.type() != null && !request.type().isBlank();
        if (byIds == byType) {
            throw new InvalidFieldException("ids", "name either ids or a type, not both and not neither");
        }
        return accepted(byIds ? deadLetters.redrive(request.ids()) : deadLetters.redriveWaitingOfType(request.type()));
    }

    @POST
    @Path("{id}/discard")
    public Uni<View> discard(@RestPath UUID id, @NotNull @Valid DiscardRequest request) {
        return deadLetters.discard(id, request.reason().strip()).map(View::summary);
    }

    private static Uni<RestResponse<List<View>>> accepted(Uni<List<DeadLetter>> redriven) {
        return redriven.map(letters -> RestResponse.accepted(letters.stream().map(View::summary).toList()));
    }

    private static DeadLetter.Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeadLetter.Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "must be one of WAITING, REDRIVEN, DISCARDED");
        }
    }
}
