package io.shopflow.callers;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/**
 * Who called a service, as the api-gateway vouches for it: the gateway authenticates every caller, drops whatever a
 * client sent under these headers' names and sets them itself, so a service reached only through the gateway can
 * trust them. A service checks an object it loaded against the caller ({@link #mayRead}) where the owner is known
 * only to the service, which the gateway's routes declare with {@code owner=object}
 * (docs/decisions/0005-access-control.md). No caller (a request that did not come through the gateway) is no one's
 * owner and no admin: refused.
 *
 * @param id    the caller's id (a token's subject, or {@code client:<name>} for an API key); empty when none was
 *              passed
 * @param admin whether the caller holds the route's admin permission, which reaches everyone's objects
 */
public record Caller(Optional<String> id, boolean admin) {

    /** The caller's id. */
    public static final String ID_HEADER = "X-Caller-Id";
    /** The caller's permissions, comma-separated, for a service that needs more than {@link #ADMIN_HEADER}. */
    public static final String PERMISSIONS_HEADER = "X-Caller-Permissions";
    /** {@code true} when the caller holds the admin permission of the route the request took. */
    public static final String ADMIN_HEADER = "X-Caller-Admin";

    public static Caller of(HttpHeaders headers) {
        return new Caller(Optional.ofNullable(headers.getHeaderString(ID_HEADER)).filter(id -> !id.isBlank()),
                Boolean.parseBoolean(headers.getHeaderString(ADMIN_HEADER)));
    }

    /**
     * {@code object} when the caller may read it: an admin, or the caller whose id is {@code ownerId}.
     *
     * @throws NotYoursException (403) otherwise
     */
    public <T> T mayRead(T object, String ownerId) {
        if (admin || id.filter(me -> me.equals(ownerId)).isPresent()) {
            return object;
        }
        throw new NotYoursException();
    }
}
