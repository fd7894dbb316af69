package io.shopflow.problems;

/**
 * A failure the client can act on, with its problem type: services throw subclasses from their domain
 * (unknown user, email taken, not enough stock) and {@link ProblemMappers} answers them, so no service writes a
 * mapper per exception. The message becomes the problem's {@code detail}: write it for the client.
 */
public abstract class ProblemException extends RuntimeException {

    private final String slug;
    private final String title;
    private final int status;

    protected ProblemException(String slug, String title, int status, String detail) {
        super(detail);
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    Problem toProblem(String instance) {
        return Problem.of(slug, title, status, getMessage(), instance);
    }
}
