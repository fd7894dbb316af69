package io.shopflow.notification;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.shopflow.infra.testing.KafkaTestResource;
import io.shopflow.infra.testing.PostgresTestResource;

/**
 * Every test in this module runs against a real Kafka broker and a real PostgreSQL database of its own,
 * started by the platform's shared test resources (no Docker, no mocks). Declared once, globally, so the
 * application boots once for all test classes.
 */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "notifications"))
public final class RealInfrastructure {
    private RealInfrastructure() {
    }
}
