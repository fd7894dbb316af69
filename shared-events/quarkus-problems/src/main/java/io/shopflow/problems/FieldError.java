package io.shopflow.problems;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid field, named as the client sent it (both APIs report violations this way). */
@Schema(name = "FieldError")
public record FieldError(
        @Schema(required = true, description = "As the client sent it: a JSON path, a query parameter or a header")
        String field,
        @Schema(required = true) String message) {

    /** What a violation of the whole request (rather than of one field) is reported against. */
    private static final String WHOLE_REQUEST = "body";

    public static List<FieldError> of(ConstraintViolationException violations) {
        return violations.getConstraintViolations().stream()
                .map(FieldError::of)
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
    }

    public static String describe(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }

    /**
     * The property path without its method and parameter nodes: {@code register.user.email} becomes
     * {@code email}, which is what the client knows the field as.
     */
    private static FieldError of(ConstraintViolation<?> violation) {
        String field = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .filter(node -> node.getKind() != ElementKind.METHOD && node.getKind() != ElementKind.PARAMETER)
                .map(Path.Node::getName)
                .collect(Collectors.joining("."));
        return new FieldError(field.isEmpty() ? WHOLE_REQUEST : field, violation.getMessage());
    }
}
