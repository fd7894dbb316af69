package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document of the platform's events, as checked in (generated from the event catalogue and kept up to
 * date by event-contracts' {@code AsyncApiDocumentTest}), parsed and validated by the AsyncAPI parser (pinned in
 * {@code src/test/asyncapi/package.json}, run by its {@code parse.mjs}): no error, no warning. Needs Node.js and npm,
 * no platform: where they are missing the test is skipped, except in CI ({@code CI} set), where {@code .ci/run}
 * installs them and their absence fails the test.
 */
class AsyncApiDocumentParseTest {

    private static final Duration INSTALL_LIMIT = Duration.ofMinutes(3);
    private static final Duration PARSE_LIMIT = Duration.ofMinutes(1);
    private static final String DOCUMENT =
            "shared-events/event-contracts/src/main/resources/asyncapi/shopflow-events.json";

    @Test
    void the_event_contracts_document_parses_without_errors_or_warnings() {
        boolean nodeInstalled = Commands.onPath("node") && Commands.onPath("npm");
        if (System.getenv("CI") != null) {
            assertThat(nodeInstalled).as("Node.js and npm, which .ci/run installs").isTrue();
        }
        assumeTrue(nodeInstalled, "Node.js and npm are not installed");
        var parser = Manifests.ROOT.resolve("deploy/system-tests/src/test/asyncapi");
        if (!Files.isDirectory(parser.resolve("node_modules"))) {
            // No install scripts: the parser needs none, and one of its dependencies' would only send telemetry.
            var install = Commands.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), parser,
                    null, INSTALL_LIMIT, Manifests.log("asyncapi-npm-ci.log"));
            assertThat(install.exitCode()).as("npm ci in %s:%n%s", parser, install.output()).isZero();
        }

        var parse = Commands.run(List.of("node", "parse.mjs", Manifests.ROOT.resolve(DOCUMENT).toString()), parser,
                null, PARSE_LIMIT, Manifests.log("asyncapi-parse.log"));

        System.out.printf("%nThe AsyncAPI parser on %s:%n%s%n", DOCUMENT, parse.output());
        assertThat(parse.exitCode()).as("the AsyncAPI parser found errors or warnings:%n%s", parse.output()).isZero();
    }
}
