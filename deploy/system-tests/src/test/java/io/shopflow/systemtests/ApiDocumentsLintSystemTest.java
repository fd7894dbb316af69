package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform's OpenAPI documents, as the running platform serves them, linted by Redocly's CLI (pinned in
 * {@code src/test/openapi/package.json}, rules in its {@code redocly.yaml}): the public API's and each service's own
 * have no error. Node.js and npm are needed: where they are missing the test is skipped, except in CI ({@code CI}
 * set), where {@code .ci/run} installs them and their absence fails the test.
 */
@ExtendWith(SystemUnderTest.Shared.class)
class ApiDocumentsLintSystemTest {

    private static final Duration INSTALL_LIMIT = Duration.ofMinutes(3);
    private static final Duration LINT_LIMIT = Duration.ofMinutes(2);

    private static SystemUnderTest system;
    private static Path linter;
    private static Path target;

    @BeforeAll
    static void install(SystemUnderTest running) {
        boolean nodeInstalled = Commands.onPath("node") && Commands.onPath("npm");
        if (System.getenv("CI") != null) {
            assertThat(nodeInstalled).as("Node.js and npm, which .ci/run installs").isTrue();
        }
        assumeTrue(nodeInstalled, "Node.js and npm are not installed");
        system = running;
        linter = system.projectRoot().resolve("deploy/system-tests/src/test/openapi");
        target = system.projectRoot().resolve("deploy/system-tests/target");
        if (!Files.isDirectory(linter.resolve("node_modules"))) {
            var install = Commands.run(List.of("npm", "ci", "--no-audit", "--no-fund"), linter, null, INSTALL_LIMIT,
                    target.resolve("openapi-npm-ci.log"));
            assertThat(install.exitCode()).as("npm ci in %s:%n%s", linter, install.output()).isZero();
        }
    }

    @Test
    void the_public_document_and_every_services_own_lint_without_errors() throws Exception {
        // Where redocly.yaml's apis look for them; pretty-printed, so that a problem's line points somewhere.
        var documents = Files.createDirectories(target.resolve("api-documents"));
        var json = new ObjectMapper().writerWithDefaultPrettyPrinter();
        json.writeValue(documents.resolve("public.json").toFile(), ApiDocuments.publicDocument(system));
        for (String service : ApiDocuments.SERVICES) {
            json.writeValue(documents.resolve(service + ".json").toFile(),
                    ApiDocuments.serviceDocument(system, service));
        }

        var lint = Commands.run(List.of("node_modules/.bin/redocly", "lint", "--config", "redocly.yaml",
                "--format=stylish"), linter, null, LINT_LIMIT, target.resolve("openapi-lint.log"));

        System.out.printf("%nRedocly's lint of the OpenAPI documents:%n%s%n", lint.output());
        assertThat(lint.exitCode()).as("redocly lint found errors:%n%s", lint.output()).isZero();
    }
}
