package io.shopflow.gateway;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.MultiMap;
import java.util.TreeSet;

/**
 * Who called, as the services behind the gateway learn it: {@value #USER} (the token's subject) and
 * {@value #PERMISSIONS} (comma-separated). The gateway sets both from the verified token and drops whatever a
 * client sent under these names, so a service can trust them as long as only the gateway reaches it. The
 * credentials themselves (bearer token, API key) are not passed on.
 */
final class CallerHeaders {

    static final String USER = "X-Caller-Id";
    static final String PERMISSIONS = "X-Caller-Permissions";

    private CallerHeaders() {
    }

    /** @param caller the verified caller; null for an anonymous one */
    static void replace(MultiMap headers, SecurityIdentity caller) {
        headers.remove(USER).remove(PERMISSIONS).remove("Authorization").remove(ApiKeys.HEADER);
        if (caller != null) {
            headers.set(USER, caller.getPrincipal().getName());
            headers.set(PERMISSIONS, String.join(",", new TreeSet<>(caller.getRoles())));
        }
    }
}
