package io.shopflow.payment;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.shopflow.infra.testing.KafkaTestResource;
import io.shopflow.infra.testing.PostgresTestResource;

/**
 * Every test in this module runs against a real Kafka broker, a real PostgreSQL database of its own and the
 * scripted payment provider, an HTTP server on loopback. Declared once, globally, so the application boots once.
 */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "payments"))
@WithTestResource(value = ScriptedProvider.class, scope = TestResourceScope.GLOBAL)
public final class RealInfrastructure {
    private RealInfrastructure() {
    }
}
