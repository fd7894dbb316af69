package io.shopflow.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names a {@link DomainEvent} record on the wire: {@code ce_type} is {@code name + ".v" + version}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** Stable name, past tense, e.g. {@code OrderPlaced}. Never reused for a different fact. */
    String name();

    /** The version this record writes. Bump it for every incompatible change and register an upcaster. */
    int version();

    /** The aggregate type; one Kafka topic per aggregate type (see {@link Topics}). */
    String aggregate();
}
