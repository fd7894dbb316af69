package io.shopflow.observability;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The correlation id of the flow the current request or event belongs to: one id from the client's request
 * through every event it causes, in every service. It lives in the logging MDC under {@value #MDC_KEY}, so every
 * log line carries it; on Quarkus' Vert.x threads the MDC belongs to the request's (or the record's) context,
 * not to the thread, so it follows the work across threads and never leaks to the next request.
 */
public final class CorrelationId {

    public static final String MDC_KEY = "correlationId";

    /** Ids a caller may bring: short, printable, nothing that could break a log line or a header. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CorrelationId() {
    }

    /** {@code given} when it is well-formed, else a new id: what a service goes on with for a request. */
    public static String acceptedOrNew(String given) {
        return given != null && WELL_FORMED.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** Makes {@code id} the current work's correlation id (and its log lines'). */
    public static void set(String id) {
        MDC.put(MDC_KEY, id);
    }

    public static Optional<String> current() {
        return Optional.ofNullable((String) MDC.get(MDC_KEY));
    }
}
