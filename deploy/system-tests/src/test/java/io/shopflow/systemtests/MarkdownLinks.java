package io.shopflow.systemtests;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The links of a set of Markdown documents, checked as GitHub resolves them: a relative link names a file or folder
 * of the set's repository (relative to the document, or to the repository's root when it starts with {@code /}), an
 * {@code #anchor} a heading of the document it points into, and an external link is a well-formed http(s) URL
 * (never fetched). The documents are parsed by commonmark-java, so a link in a code block is no link, and heading
 * ids come from its heading-anchor extension, whose ids are GitHub's (lower case, spaces to hyphens, punctuation
 * dropped, a repeated heading suffixed -1, -2, ...).
 */
final class MarkdownLinks {

    /** A link that does not resolve: where it is, what it says, and why it fails. */
    record Broken(String document, int line, String destination, String reason) {
        @Override
        public String toString() {
            return document + ":" + line + ": (" + destination + ") " + reason;
        }
    }

    private static final Parser PARSER = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();
    private static final Set<String> WEB_SCHEMES = Set.of("http", "https");

    /** The repository's files, by path relative to its root with '/' separators. */
    private final Set<String> files;
    /** The root ("") and every folder holding one of the files: a link may name a folder (GitHub lists it). */
    private final Set<String> folders = new HashSet<>(Set.of(""));
    /** A Markdown file's text, given its repository path. */
    private final Function<String, String> read;

    MarkdownLinks(Set<String> files, Function<String, String> read) {
        this.files = Set.copyOf(files);
        this.read = read;
        for (String file : files) {
            for (Path parent = Path.of(file).getParent(); parent != null; parent = parent.getParent()) {
                folders.add(separators(parent));
            }
        }
    }

    /** Every link of every Markdown file of the set that does not resolve. */
    List<Broken> broken() {
        List<Broken> broken = new ArrayList<>();
        files.stream().filter(MarkdownLinks::isMarkdown).sorted().forEach(document -> broken.addAll(broken(document)));
        return broken;
    }

    /** The links of one document that do not resolve. */
    List<Broken> broken(String document) {
        List<Broken> broken = new ArrayList<>();
        PARSER.parse(read.apply(document)).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                check(link, link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                check(image, image.getDestination());
                visitChildren(image);
            }

            private void check(Node node, String destination) {
                String reason = problem(document, destination);
                if (reason != null) {
                    int line = node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex() + 1;
                    broken.add(new Broken(document, line, destination, reason));
                }
            }
        });
        return broken;
    }

    /** The ids GitHub gives the headings of a Markdown text, in order. */
    static List<String> headingIds(String markdown) {
        IdGenerator ids = IdGenerator.builder().build();
        List<String> found = new ArrayList<>();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                found.add(ids.generateId(text(heading)));
            }
        });
        return found;
    }

    /** Why {@code destination}, written in {@code document}, does not resolve; null when it does. */
    private String problem(String document, String destination) {
        if (destination.isBlank()) {
            return "an empty link";
        }
        URI uri;
        try {
            uri = new URI(destination);
        } catch (URISyntaxException e) {
            return "not a well-formed link: " + e.getMessage();
        }
        if (uri.getScheme() != null) {
            return external(uri);
        }
        String target = uri.getPath().isEmpty() ? document : resolve(document, uri.getPath());
        if (target == null) {
            return "leaves the repository";
        }
        if (!files.contains(target) && !folders.contains(target)) {
            return "no such file or folder in the repository: " + target;
        }
        String anchor = uri.getFragment();
        if (anchor == null) {
            return null;
        }
        if (!isMarkdown(target)) {
            return "an anchor into " + target + ", which has no headings";
        }
        return headingIds(read.apply(target)).contains(anchor) ? null
                : "no heading with id '" + anchor + "' in " + target;
    }

    private static String external(URI uri) {
        if (!WEB_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return "a " + uri.getScheme() + ": link; only http(s) links and repository paths are expected";
        }
        return uri.getHost() == null ? "an http(s) link without a host" : null;
    }

    /** The repository path a relative link names, or null when it climbs out of the repository. */
    private static String resolve(String document, String path) {
        Path base = path.startsWith("/") ? Path.of("") : parentOf(document);
        Path resolved = base.resolve(path.replaceFirst("^/+", "")).normalize();
        return resolved.startsWith("..") ? null : separators(resolved);
    }

    private static Path parentOf(String document) {
        Path parent = Path.of(document).getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static String separators(Path path) {
        return path.toString().replace('\\', '/');
    }

    private static boolean isMarkdown(String path) {
        return path.endsWith(".md");
    }

    /** A heading's text as GitHub reads it for its id: the text and code spans inside, markup left out. */
    private static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text literal) {
                text.append(literal.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }
}
