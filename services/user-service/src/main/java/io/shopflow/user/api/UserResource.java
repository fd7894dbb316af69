package io.shopflow.user.api;

import io.shopflow.user.app.PersonalDataExport;
import io.shopflow.user.app.UserDirectory;
import io.shopflow.user.domain.CreditAdjustment;
import io.shopflow.user.domain.InvalidUserIdException;
import io.shopflow.user.domain.NewUser;
import io.shopflow.user.domain.User;
import io.shopflow.user.domain.UserChanges;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirements // none: only the gateway reaches a service, and it checks every caller
public class UserResource {

    /** RFC 7396 JSON Merge Patch; plain JSON is accepted for PATCH too. */
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final UserDirectory directory;
    private final PersonalDataExport personalData;

    public UserResource(UserDirectory directory, PersonalDataExport personalData) {
        this.directory = directory;
        this.personalData = personalData;
    }

    @POST
    @Operation(operationId = "registerUser", summary = "Registers a user")
    @APIResponse(responseCode = "201", description = "Registered; `Location` is the new user's URL (relative)",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING,
                    format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = User.class)))
    @APIResponse(responseCode = "409", description = "The email is already registered (`email-taken`)")
    public Uni<RestResponse<User>> register(NewUser user, @Context UriInfo uri) {
        // A relative link: an absolute one would be built from the request's Host header, which the client chooses.
        return directory.register(user).map(created -> RestResponse.ResponseBuilder
                .<User>create(RestResponse.Status.CREATED)
                .header(HttpHeaders.LOCATION, uri.getAbsolutePathBuilder().path(created.id().toString()).build()
                        .getRawPath())
                .entity(created)
                .build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getUser", summary = "One user")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<User> get(@PathParam("id") String id) {
        return directory.get(InvalidUserIdException.parse(id));
    }

    /** Replaces the profile: every field is required. Credit is changed only through {@code /credit}. */
    @PUT
    @Path("/{id}")
    @Operation(operationId = "replaceUser", summary = "Replaces a user's profile")
    @APIResponse(responseCode = "200", description = "The user as changed")
    @APIResponse(responseCode = "400", description = "The id is not a UUID, or the body has invalid fields")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "The email is another user's (`email-taken`)")
    public Uni<User> replace(@PathParam("id") String id, @NotNull @Valid UserReplacement replacement) {
        return directory.update(InvalidUserIdException.parse(id), replacement.toChanges());
    }

    /** Changes the fields present in the body and keeps the others. */
    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    @Operation(operationId = "changeUser", summary = "Changes some fields of a user's profile")
    @APIResponse(responseCode = "200", description = "The user as changed")
    @APIResponse(responseCode = "400", description = "The id is not a UUID, or the body has invalid fields")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "The email is another user's (`email-taken`)")
    public Uni<User> patch(@PathParam("id") String id, UserChanges changes) {
        return directory.update(InvalidUserIdException.parse(id), changes);
    }

    /**
     * What the platform holds about the user (their right of access): their profile and what each other service
     * keeps about them, gathered over Kafka request-reply; {@code notAnswered} names the services that did not
     * answer in time, so an incomplete export says so (docs/personal-data.md).
     */
    @GET
    @Path("/{id}/personal-data")
    @Operation(operationId = "exportPersonalData", summary = "Everything the platform holds about a user")
    @APIResponse(responseCode = "200", description = "The export; complete when notAnswered is empty")
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such user, or erased")
    @APIResponse(responseCode = "503", description = "The other services could not be asked")
    public Uni<PersonalDataExport.Export> personalData(@PathParam("id") String id) {
        return personalData.of(InvalidUserIdException.parse(id));
    }

    /**
     * Erases the user: their row goes and their data keys are destroyed, so every copy of their personal data in
     * events, wherever it is, reads as erased (docs/personal-data.md). Their orders and payments stay, by id.
     */
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "eraseUser", summary = "Erases a user and every copy of their personal data")
    @APIResponse(responseCode = "204", description = "Erased (now, or before: erasing again changes nothing)")
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No user ever had this id")
    public Uni<Void> erase(@PathParam("id") String id) {
        return directory.erase(InvalidUserIdException.parse(id));
    }

    @PATCH
    @Path("/{id}/credit")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    @Operation(operationId = "adjustUserCredit", summary = "Adds to or takes from a user's credit")
    @APIResponse(responseCode = "200", description = "The user with the new credit")
    @APIResponse(responseCode = "400", description = "The id is not a UUID, or the body has invalid fields")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "Not enough credit to take (`insufficient-credit`)")
    public Uni<User> adjustCredit(@PathParam("id") String id, CreditAdjustment adjustment) {
        return directory.adjustCredit(InvalidUserIdException.parse(id), adjustment);
    }
}
