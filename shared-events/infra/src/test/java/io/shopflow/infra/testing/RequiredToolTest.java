package io.shopflow.infra.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {

    @Test
    void a_present_tool_lets_the_test_run() {
        assertDoesNotThrow(() -> RequiredTool.require(true, "Redis", "apt-get install redis-server", true));
        assertDoesNotThrow(() -> RequiredTool.require(true, "Redis", "apt-get install redis-server", false));
    }

    @Test
    void a_missing_tool_fails_the_test_in_ci() {
        var failure = assertThrows(AssertionError.class,
                () -> RequiredTool.require(false, "Redis", "apt-get install redis-server", true));
        assertTrue(failure.getMessage().contains("Redis is missing (install: apt-get install redis-server)"));
    }

    @Test
    void a_missing_tool_skips_the_test_elsewhere_saying_how_to_install_it() {
        var skipped = assertThrows(TestAbortedException.class,
                () -> RequiredTool.require(false, "Redis", "apt-get install redis-server", false));
        assertTrue(skipped.getMessage().contains("apt-get install redis-server"));
    }
}
