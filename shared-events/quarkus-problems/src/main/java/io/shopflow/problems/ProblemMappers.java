package io.shopflow.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigInteger;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into {@code application/problem+json}; nothing else ever leaves a service. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public RestResponse<Problem> invalidFields(ConstraintViolationException e, UriInfo uri) {
        return Problem.invalidFields(FieldError.of(e), uri.getPath()).answer();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidField(InvalidFieldException e, UriInfo uri) {
        return Problem.invalidFields(e.toFieldErrors(), uri.getPath()).answer();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> domain(ProblemException e, UriInfo uri) {
        return e.toProblem(uri.getPath()).answer();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unavailable(ServiceUnavailableException e, UriInfo uri) {
        return RestResponse.ResponseBuilder.fromResponse(e.toProblem(uri.getPath()).answer())
                .header("Retry-After", Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }

    /** Wrong JSON types, unknown properties, unparsable numbers, unacceptable text: name the field it is about. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String message = e instanceof UnrecognizedPropertyException ? "is not a known field"
                : e instanceof UnacceptableTextException text ? text.reason()
                : isWholeNumber(e.getTargetType()) ? "must be a whole number (a JSON integer)" : "has the wrong type";
        return Problem.invalidFields(List.of(new FieldError(fieldPath(e), message)), uri.getPath()).answer();
    }

    /** Syntax errors: the JSON could not be parsed at all. */
    @ServerExceptionMapper
    public RestResponse<Problem> malformedJson(JsonProcessingException e, UriInfo uri) {
        return Problem.of(Problem.MALFORMED_REQUEST, "The request could not be read", 400, "The body is not valid JSON",
                uri.getPath()).answer();
    }

    /** What JAX-RS itself refuses: unknown path (404), wrong method (405), wrong media type (415)... */
    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            // The JSON reader wraps syntax errors in a plain 400; answer them like any unreadable body.
            return malformedJson(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        var reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return status == 404
                ? Problem.of(Problem.NOT_FOUND, "Not found", status, reason, uri.getPath()).answer()
                : Problem.of(Problem.HTTP, "The request was refused", status, reason, uri.getPath()).answer();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.explains(e)) {
            LOG.warnf("The database is unavailable answering %s: %s", uri.getPath(), e.toString());
            return unavailable(new ServiceUnavailableException("The service cannot reach its data right now",
                    DatabaseUnavailable.RETRY_AFTER), uri);
        }
        LOG.errorf(e, "Unexpected failure answering %s", uri.getPath());
        return Problem.of(Problem.INTERNAL, "Internal error", 500, "The request failed; it has been logged",
                uri.getPath()).answer();
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type != null && (type == int.class || type == long.class || type == short.class
                || type == Integer.class || type == Long.class || type == Short.class || type == BigInteger.class);
    }

    /** As the client wrote it: {@code lines[0].quantity}, the way bean validation names fields too. */
    private static String fieldPath(JsonMappingException e) {
        var path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
