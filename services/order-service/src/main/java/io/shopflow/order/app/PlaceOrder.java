package io.shopflow.order.app;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Who orders what, as the use case takes it whichever edge it came through; the REST body is validated before it
 * becomes one. Its JSON form is what an Idempotency-Key's request hash is taken of, so its components keep the
 * body's names and order.
 */
// Serialized by Jackson for that hash, outside any REST signature: a native image must be told to keep it.
@RegisterForReflection
public record PlaceOrder(String userId, List<Line> lines) {

    @RegisterForReflection
    public record Line(String sku, int quantity) {
    }
}
