package io.shopflow.gateway.route;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A route's next version: URL versioning gives each version its own prefix ({@code /api/v1/orders/},
 * {@code /api/v2/orders/}) and route; header versioning lets a client stay on v1's URL and ask for v2 with
 * {@code Accept: application/vnd.platform.v2+json}, which the gateway serves from the successor's route. The old
 * route's answers say it is deprecated ({@code Deprecation: @<epoch seconds>}, RFC 9745), where its successor is
 * ({@code Link: <...>; rel="successor-version"}) and, if set, when it ends ({@code Sunset}, RFC 8594).
 */
public final class Versioning {

    private final String prefix;
    private final String successorPrefix;
    private final String mediaType;
    private final Optional<Instant> deprecatedSince;
    private final Optional<Instant> sunset;

    Versioning(String prefix, String successorPrefix, String mediaType, Optional<Instant> deprecatedSince,
               Optional<Instant> sunset) {
        if (prefix.contains(RouteTable.ANY_SEGMENT) || successorPrefix.contains(RouteTable.ANY_SEGMENT)) {
            throw new IllegalArgumentException("A route with a successor and its successor need plain path prefixes, got '"
                    + prefix + "' and '" + successorPrefix + "'");
        }
        this.prefix = prefix;
        this.successorPrefix = successorPrefix;
        this.mediaType = mediaType.toLowerCase(Locale.ROOT);
        this.deprecatedSince = deprecatedSince;
        this.sunset = sunset;
    }

    /** The URI the successor serves this request at, when the request asks for the successor's media type. */
    public Optional<String> successorUri(HttpServerRequest request, String path) {
        String accept = request.getHeader("Accept");
        if (accept == null || Arrays.stream(accept.split(","))
                .map(range -> range.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .noneMatch(mediaType::equals)) {
            return Optional.empty();
        }
        return Optional.of(successorPath(path) + (request.query() == null ? "" : "?" + request.query()));
    }

    /** Marks an answer of the old version: deprecated since when, succeeded by what, ending when. */
    public void describe(HttpServerResponse response, String path) {
        deprecatedSince.ifPresent(since -> response.putHeader("Deprecation", "@" + since.getEpochSecond()));
        response.putHeader("Link", "<" + successorPath(path) + ">; rel=\"successor-version\"");
        sunset.ifPresent(end -> response.putHeader("Sunset",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(end.atOffset(ZoneOffset.UTC))));
    }

    private String successorPath(String path) {
        return successorPrefix + path.substring(Math.min(prefix.length(), path.length()));
    }
}
