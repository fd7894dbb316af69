package io.shopflow.user.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.shopflow.user.domain.BatchTooLargeException;
import io.shopflow.user.domain.EmailAlreadyUsedException;
import io.shopflow.user.domain.InsufficientCreditException;
import io.shopflow.user.domain.InvalidUserIdException;
import io.shopflow.user.domain.UserNotFoundException;
import io.shopflow.user.validation.FieldError;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into {@code application/problem+json}; nothing else ever leaves this service. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public RestResponse<Problem> invalidFields(ConstraintViolationException e, UriInfo uri) {
        return answer(Problem.invalidFields(FieldError.of(e), uri.getPath()));
    }

    /** Wrong JSON types, unknown properties, unparsable numbers: report the field the client got wrong. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String message = e instanceof UnrecognizedPropertyException ? "is not a known field" : "has the wrong type";
        return answer(Problem.invalidFields(List.of(new FieldError(fieldPath(e), message)), uri.getPath()));
    }

    /** Syntax errors: the JSON could not be parsed at all. */
    @ServerExceptionMapper
    public RestResponse<Problem> malformedJson(JsonProcessingException e, UriInfo uri) {
        return answer(Problem.of(Problem.Type.MALFORMED_REQUEST, 400, "The body is not valid JSON", uri.getPath()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidId(InvalidUserIdException e, UriInfo uri) {
        return answer(Problem.invalidFields(List.of(new FieldError("id", e.getMessage())), uri.getPath()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> batchTooLarge(BatchTooLargeException e, UriInfo uri) {
        return answer(Problem.invalidFields(List.of(new FieldError("ids", e.getMessage())), uri.getPath()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notFound(UserNotFoundException e, UriInfo uri) {
        return answer(Problem.of(Problem.Type.NOT_FOUND, 404, e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> emailTaken(EmailAlreadyUsedException e, UriInfo uri) {
        return answer(Problem.of(Problem.Type.EMAIL_TAKEN, 409, e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> insufficientCredit(InsufficientCreditException e, UriInfo uri) {
        return answer(Problem.of(Problem.Type.INSUFFICIENT_CREDIT, 409, e.getMessage(), uri.getPath()));
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
        var type = status == 404 ? Problem.Type.NOT_FOUND : Problem.Type.HTTP;
        var reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return answer(Problem.of(type, status, reason, uri.getPath()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure answering %s", uri.getPath());
        return answer(Problem.of(Problem.Type.INTERNAL, 500, "The request failed; it has been logged", uri.getPath()));
    }

    private static RestResponse<Problem> answer(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    private static String fieldPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "body" : path;
    }
}
