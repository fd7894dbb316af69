package io.shopflow.user.api;

import io.shopflow.user.domain.CreditAdjustment;
import io.shopflow.user.domain.InvalidUserIdException;
import io.shopflow.user.domain.NewUser;
import io.shopflow.user.domain.User;
import io.shopflow.user.domain.UserChanges;
import io.shopflow.user.domain.UserDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    /** RFC 7396 JSON Merge Patch; plain JSON is accepted for PATCH too. */
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final UserDirectory directory;

    public UserResource(UserDirectory directory) {
        this.directory = directory;
    }

    @POST
    public Uni<RestResponse<User>> register(NewUser user, @Context UriInfo uri) {
        return directory.register(user).map(created -> RestResponse.ResponseBuilder
                .<User>created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created)
                .build());
    }

    @GET
    @Path("/{id}")
    public Uni<User> get(@PathParam("id") String id) {
        return directory.get(InvalidUserIdException.parse(id));
    }

    /** Replaces the profile: every field is required. Credit is changed only through {@code /credit}. */
    @PUT
    @Path("/{id}")
    public Uni<User> replace(@PathParam("id") String id, @NotNull @Valid UserReplacement replacement) {
        return directory.update(InvalidUserIdException.parse(id), replacement.toChanges());
    }

    /** Changes the fields present in the body and keeps the others. */
    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    public Uni<User> patch(@PathParam("id") String id, UserChanges changes) {
        return directory.update(InvalidUserIdException.parse(id), changes);
    }

    @PATCH
    @Path("/{id}/credit")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    public Uni<User> adjustCredit(@PathParam("id") String id, CreditAdjustment adjustment) {
        return directory.adjustCredit(InvalidUserIdException.parse(id), adjustment);
    }
}
