package io.shopflow.user.domain;

/** Shared pieces of the field constraints; the column sizes live in V1__create_users.sql. */
final class Rules {
    /** Rejects empty and whitespace-only text, which {@code @Size} alone would let through. */
    static final String NOT_BLANK = "(?s).*\\S.*";
    static final String NOT_BLANK_MESSAGE = "must not be blank";
    /** NUMERIC(12, 2): ten digits before the decimal point, two after. */
    static final int CREDIT_INTEGER_DIGITS = 10;
    static final int CREDIT_FRACTION_DIGITS = 2;

    private Rules() {
    }
}
