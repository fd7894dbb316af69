package io.shopflow.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

class KafkaTestResourceTest {

    @Test
    void pointsEveryTestClassAtTheSameRunningBroker() throws Exception {
        KafkaTestResource firstClass = new KafkaTestResource();
        KafkaTestResource secondClass = new KafkaTestResource();

        String bootstrapServers = firstClass.start().get("kafka.bootstrap.servers");
        firstClass.stop();
        String secondBootstrapServers = secondClass.start().get("kafka.bootstrap.servers");

        assertEquals(bootstrapServers, secondBootstrapServers);
        assertFalse(brokersAt(secondBootstrapServers).isEmpty(), "still serving after the first class stopped");
        secondClass.stop();
    }

    private static Collection<Node> brokersAt(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        }
    }
}
