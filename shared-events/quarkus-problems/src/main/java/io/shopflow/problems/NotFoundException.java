package io.shopflow.problems;

/** The resource the client named does not exist: 404 {@code not-found}. */
public class NotFoundException extends ProblemException {

    public NotFoundException(String detail) {
        super(Problem.NOT_FOUND, "Not found", 404, detail);
    }
}
