package io.shopflow.gateway.edge;

import io.quarkus.runtime.configuration.MemorySize;
import io.shopflow.gateway.api.Problems;
import io.shopflow.problems.Problem;
import io.smallrye.stork.api.NoServiceInstanceFoundException;
import io.vertx.core.Future;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What travels with each forwarded request (see {@link ForwardedRequests}), the size limit on bodies that do not
 * announce their length, and the problem answered when the service cannot be reached or does not answer.
 */
@ApplicationScoped
class Forwarding implements ProxyInterceptor {

    private final Problems problems;
    private final long maxBodySize;

    Forwarding(Problems problems,
               @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.problems = problems;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        var request = context.request();
        var incoming = request.proxiedRequest();
        // The service sees the host the client asked for (the links it makes are relative, whatever the host).
        request.setAuthority(incoming.authority());
        ForwardedRequests.dropConnectionScoped(request.headers());
        ForwardedRequests.dropTraceContext(request.headers());
        ForwardedRequests.forwardedFor(request.headers(), incoming.remoteAddress().hostAddress());
        var body = request.getBody() == null ? null : new SizeLimitedBody(request.getBody().stream(), maxBodySize);
        if (body != null) {
            request.setBody(Body.body(body, request.getBody().length()));
        }
        return context.sendRequest().recover(failure -> Future.succeededFuture(problems.answer(context,
                body != null && body.exceeded() ? tooLarge(context) : unreached(context, failure))));
    }

    private Problem tooLarge(ProxyContext context) {
        return Problem.of(Problem.PAYLOAD_TOO_LARGE, "Request body too large", 413,
                "The request body is larger than " + maxBodySize + " bytes", path(context));
    }

    private Problem unreached(ProxyContext context, Throwable failure) {
        // Vert.x reports an expired idle timeout with an exception from its internal packages
        // (NoStackTraceTimeoutException), so it is known by name rather than by type.
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return Problem.of("gateway-timeout", "The service did not answer in time", 504,
                    "No answer in time; try again later", path(context));
        }
        if (failure instanceof ConnectException || failure instanceof NoServiceInstanceFoundException) {
            return Problems.unavailable("The service is not reachable right now; try again later", path(context));
        }
        return Problem.of("bad-gateway", "Bad gateway", 502, "The service's answer broke off", path(context));
    }

    private static String path(ProxyContext context) {
        return context.request().proxiedRequest().path();
    }
}
