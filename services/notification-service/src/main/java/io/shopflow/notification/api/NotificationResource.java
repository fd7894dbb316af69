package io.shopflow.notification.api;

import io.shopflow.notification.domain.Notification;
import io.shopflow.notification.persistence.NotificationRepository;
import io.shopflow.problems.InvalidFieldException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.jboss.resteasy.reactive.RestQuery;

/** A user's notifications, newest first. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirements // none: only the gateway reaches a service, and it checks every caller
public class NotificationResource {

    private static final int MAX_LIMIT = 200;

    private final NotificationRepository notifications;

    public NotificationResource(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "A user's notifications, newest first")
    @APIResponse(responseCode = "200", description = "The notifications")
    @APIResponse(responseCode = "400", description = "`userId` is missing or `limit` out of range")
    public Uni<List<Notification>> ofUser(@RestQuery String userId, @RestQuery @DefaultValue("50") int limit) {
        if (userId == null || userId.isBlank()) {
            throw new InvalidFieldException("userId", "is required");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldException("limit", "between 1 and " + MAX_LIMIT);
        }
        return notifications.ofUser(userId, limit);
    }
}
