package io.shopflow.infra.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a tool it needs (Redis, Prometheus, a browser...) is missing: in CI (the {@code CI}
 * environment variable set, as CI services and {@code .ci/run} set it) it fails, since CI installs every tool and a
 * skipped test would pass for a tested one; on a developer's machine it is skipped, saying loudly which tool is
 * missing and how to install it. Skipped is not passed.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /**
     * Returns when {@code present}; otherwise fails the calling test in CI or skips it elsewhere.
     *
     * @param tool what is missing, e.g. "Redis on 127.0.0.1:6379"
     * @param install how to get it, e.g. "apt-get install redis-server && redis-server --daemonize yes"
     */
    public static void require(boolean present, String tool, String install) {
        require(present, tool, install, inCi());
    }

    static void require(boolean present, String tool, String install, boolean inCi) {
        if (present) {
            return;
        }
        String missing = tool + " is missing (install: " + install + ")";
        if (inCi) {
            throw new AssertionError(missing + ". CI must provide every tool the tests use: it fails rather than"
                    + " skip.");
        }
        System.err.println("*** SKIPPED, NOT PASSED: " + missing + ". In CI this test fails.");
        Assumptions.abort(missing + "; skipped outside CI, failed in CI");
    }

    private static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }
}
