package io.shopflow.user.domain;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A postal address: not blank, at most the column size. Null passes; add {@code @NotNull} where it is required. */
@Pattern(regexp = Rules.NOT_BLANK, message = Rules.NOT_BLANK_MESSAGE)
@Size(max = 500)
@Constraint(validatedBy = {})
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface PostalAddress {
    String message() default "invalid address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
