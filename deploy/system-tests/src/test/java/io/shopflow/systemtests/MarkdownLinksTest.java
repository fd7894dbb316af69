package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every link in the repository's Markdown resolves for someone who clones it: each relative link names a file or
 * folder of the repository, each {@code #anchor} a heading of its document, and each external link is a
 * well-formed http(s) URL (not fetched: CI has no network). Needs git, no platform.
 */
class MarkdownLinksTest {

    private static final Duration GIT_LIMIT = Duration.ofMinutes(1);

    @Test
    void everyLinkInTheRepositorysMarkdownResolves() {
        var links = new MarkdownLinks(repositoryFiles(), MarkdownLinksTest::readFromRepository);

        assertThat(links.broken())
                .as("links that do not resolve (a new file counts once it is no longer ignored by git)")
                .isEmpty();
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsReportedWithItsLine() {
        var documents = Map.of(
                "README.md", """
                        # Shopflow

                        [architecture](docs/architecture.md), [its saga](docs/architecture.md#the-saga),
                        [decisions](docs/decisions/), [the top](#shopflow)

                        [gone](docs/gone.md) and [no such part](docs/architecture.md#no-such-part)
                        """,
                "docs/architecture.md", """
                        # Architecture

                        ## The saga

                        [back](../README.md#shopflow), [out](../../shared/ARCHITECTURE.md)
                        """,
                "docs/decisions/0001-relay.md", "# 1. The relay\n");

        var broken = new MarkdownLinks(documents.keySet(), documents::get).broken();

        assertThat(broken).extracting(MarkdownLinks.Broken::toString).containsExactlyInAnyOrder(
                "README.md:6: (docs/gone.md) no such file or folder in the repository: docs/gone.md",
                "README.md:6: (docs/architecture.md#no-such-part) no heading with id 'no-such-part' in docs/architecture.md",
                "docs/architecture.md:5: (../../shared/ARCHITECTURE.md) leaves the repository");
    }

    @Test
    void anExternalLinkMustBeAWellFormedWebAddress() {
        var documents = Map.of("README.md", """
                [Debezium](https://debezium.io/documentation/reference/stable/), [no host](https:docs),
                [spaces](<https://example.org/a b>), [mail](mailto:team@example.org)
                """);

        var broken = new MarkdownLinks(documents.keySet(), documents::get).broken();

        assertThat(broken).extracting(MarkdownLinks.Broken::destination)
                .containsExactlyInAnyOrder("https:docs", "https://example.org/a b", "mailto:team@example.org");
    }

    @Test
    void headingIdsAreGitHubs() {
        assertThat(MarkdownLinks.headingIds("""
                # Traces: one order, one trace
                ## `IdempotentConsumer` and the inbox
                ## Outbox + relay
                ## Outbox + relay
                ```
                # not a heading
                ```
                """)).containsExactly("traces-one-order-one-trace", "idempotentconsumer-and-the-inbox",
                "outbox--relay", "outbox--relay-1");
    }

    /** The repository's files as git sees them: tracked or new, never ignored (target/, node_modules/). */
    private static Set<String> repositoryFiles() {
        var listing = Commands.run(List.of("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"),
                Manifests.ROOT, null, GIT_LIMIT, Manifests.log("git-ls-files.log"));
        assertThat(listing.exitCode()).as("git ls-files: %s", listing.output()).isZero();
        return Stream.of(listing.output().split("\0"))
                .filter(path -> !path.isBlank() && Files.exists(Manifests.ROOT.resolve(path)))
                .collect(Collectors.toSet());
    }

    private static String readFromRepository(String path) {
        try {
            return Files.readString(Manifests.ROOT.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
