package io.shopflow.gateway.edge;

import io.vertx.core.Future;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Asks the service for its own path where the public API has another ({@code service-path-prefix}): a service that
 * is not built for the public API, such as the payment provider simulator's {@code /admin/}, published under
 * {@code /api/v1/admin/payment-provider/}. The query string goes along unchanged.
 */
final class ServicePathRewrite implements ProxyInterceptor {

    private final String publicPrefix;
    private final String servicePrefix;

    ServicePathRewrite(String publicPrefix, String servicePrefix) {
        this.publicPrefix = publicPrefix;
        this.servicePrefix = servicePrefix;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        var request = context.request();
        String uri = request.getURI();
        // The route matched the normalised path; a raw one spelled otherwise (say "//") goes as it came and the
        // service answers it 404, as it would any unknown path.
        if (uri.startsWith(publicPrefix)) {
            request.setURI(servicePrefix + uri.substring(publicPrefix.length()));
        }
        return context.sendRequest();
    }
}
