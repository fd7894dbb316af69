package io.shopflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopflow.infra.testing.RequiredTool;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web console (services/console's static files, which the api-gateway serves at {@code /console/}) in a real
 * browser against the running platform: {@code src/test/console/console.test.mjs} drives Debian's Chromium with
 * playwright-core (no browser download) through sign-in, a demo user, an order watched live to CONFIRMED, with
 * the provider declining every card an order watched to CANCELLED, the user's data exported from every holder, the
 * dead letters listed, the orders read model rebuilt with both orders unchanged, and the user erased, both orders
 * staying as they were and shown as an erased user's. Without Node.js, npm or Chromium: failed in CI, skipped elsewhere.
 */
@ExtendWith(SystemUnderTest.Shared.class)
class ConsoleBrowserSystemTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration INSTALL_LIMIT = Duration.ofMinutes(3);
    private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(3);
    /** The provider simulator's start values (services/payment-provider: provider.behaviour.*). */
    private static final Map<String, Object> PROVIDER_DEFAULTS =
            Map.of("latencyMs", 20, "failureRate", 0, "declineRate", 0);
    /** A cancelled stream ends within a second; fifteen leave room for a machine loaded by the other system tests. */
    private static final Duration WATCHES_SETTLE = Duration.ofSeconds(15);
    private static final Pattern OPEN_WATCHES = Pattern.compile("^shopflow_orders_watches(?:\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static SystemUnderTest system;
    private static Path script;
    private static Path target;

    @BeforeAll
    static void start(SystemUnderTest running) throws Exception {
        RequiredTool.require(Commands.onPath("node") && Commands.onPath("npm"), "Node.js and npm",
                "apt-get install nodejs npm");
        RequiredTool.require(Files.isExecutable(CHROMIUM), "Chromium at " + CHROMIUM, "apt-get install chromium");
        system = running;
        script = system.projectRoot().resolve("deploy/system-tests/src/test/console");
        target = system.projectRoot().resolve("deploy/system-tests/target");
        Files.createDirectories(target);
        if (!Files.isDirectory(script.resolve("node_modules"))) {
            var install = Commands.run(List.of("npm", "ci", "--no-audit", "--no-fund"), script, null, INSTALL_LIMIT,
                    target.resolve("console-npm-ci.log"));
            assertThat(install.exitCode()).as("npm ci in %s:%n%s", script, install.output()).isZero();
        }
        // Whatever an earlier test left, the first order must be able to go through.
        restoreProvider();
    }

    /** Other system tests share the platform: the provider is put back even when the script could not. */
    @AfterAll
    static void restoreProvider() {
        if (system != null) {
            var answer = new JsonHttp().put(system.direct("payment-provider", "/admin/behaviour"), PROVIDER_DEFAULTS);
            assertThat(answer.status()).as("restoring the provider: %s", answer.body()).isEqualTo(200);
        }
    }

    @Test
    void a_newcomer_watches_orders_confirmed_and_cancelled_live_in_the_console() throws Exception {
        Path screenshot = target.resolve("console.png");
        Files.deleteIfExists(screenshot);
        String base = system.api("/").toString().replaceAll("/$", "");

        var browser = Commands.run(List.of("node", "console.test.mjs", base, screenshot.toString()), script, null,
                SCRIPT_LIMIT, target.resolve("console-test.log"));

        assertThat(browser.exitCode()).as("the console test script said:%n%s", browser.output()).isZero();
        assertThat(screenshot).exists();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).as("%s is a PNG", screenshot).isEqualTo(PNG_SIGNATURE);
        // The browser has gone, and with it the live views' connections: the gateway cancelled the WatchOrders calls
        // behind them and order-service ended those streams (a call the gateway failed to cancel stays open for good).
        await("order-service's open WatchOrders streams after the browser closed down to 0").atMost(WATCHES_SETTLE)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(openWatches()).as("shopflow_orders_watches").isZero());
    }

    /** order-service's gauge of open WatchOrders streams. */
    private static double openWatches() throws Exception {
        var metrics = HttpRequest.newBuilder(system.management("order-service", "/q/metrics"))
                .timeout(WATCHES_SETTLE).build();
        var gauge = OPEN_WATCHES.matcher(HTTP.send(metrics, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(gauge.find()).as("order-service's metrics have shopflow_orders_watches").isTrue();
        return Double.parseDouble(gauge.group(1));
    }
}
