package io.shopflow.gateway.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.shopflow.callers.Caller;
import io.shopflow.gateway.route.RouteTable;
import io.vertx.core.MultiMap;
import java.util.TreeSet;

/**
 * Who called, as the services behind the gateway learn it ({@link Caller}'s headers): the caller's id (the token's
 * subject or {@code client:<name>}), its permissions (comma-separated) and whether it holds the route's admin
 * permission. The gateway sets them from the verified caller and drops whatever a client sent under these names,
 * so a service can trust them as long as only the gateway reaches it. The credentials themselves (bearer token,
 * API key) are not passed on.
 */
public final class CallerHeaders {

    private CallerHeaders() {
    }

    /** @param caller the verified caller; null for an anonymous one */
    public static void replace(MultiMap headers, SecurityIdentity caller, RouteTable.Route route) {
        headers.remove(Caller.ID_HEADER).remove(Caller.PERMISSIONS_HEADER).remove(Caller.ADMIN_HEADER)
                .remove("Authorization").remove(ApiKeys.HEADER);
        headers.addAll(of(caller, route));
    }

    /** The headers that tell a service who called on {@code route}; none for an anonymous caller. */
    public static MultiMap of(SecurityIdentity caller, RouteTable.Route route) {
        var headers = MultiMap.caseInsensitiveMultiMap();
        if (caller != null) {
            headers.set(Caller.ID_HEADER, caller.getPrincipal().getName());
            headers.set(Caller.PERMISSIONS_HEADER, String.join(",", new TreeSet<>(caller.getRoles())));
            headers.set(Caller.ADMIN_HEADER, Boolean.toString(route.adminPermission().filter(caller::hasRole).isPresent()));
        }
        return headers;
    }
}
