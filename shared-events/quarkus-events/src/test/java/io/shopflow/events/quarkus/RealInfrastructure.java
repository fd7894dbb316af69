package io.shopflow.events.quarkus;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.shopflow.infra.testing.KafkaTestResource;
import io.shopflow.infra.testing.PostgresTestResource;

/** The test application runs against a real Kafka broker and a database of its own. */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "events"))
public final class RealInfrastructure {
    private RealInfrastructure() {
    }
}
