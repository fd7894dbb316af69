package io.shopflow.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code logs [service...]}: follows the logs of a platform that runs, from another terminal, in one stream; all the
 * services' or the named ones'. Lines written from now on; the whole files are under {@link Platform#LOG_DIR}.
 */
final class LogsCommand {

    private final Path projectRoot;
    private final ServiceCatalogue catalogue;
    private final PrintStream out;

    LogsCommand(Path projectRoot, ServiceCatalogue catalogue, PrintStream out) {
        this.projectRoot = projectRoot;
        this.catalogue = catalogue;
        this.out = out;
    }

    int run(List<String> services, boolean colour) throws InterruptedException {
        Map<String, Path> logs = new LinkedHashMap<>();
        for (String name : services.isEmpty() ? catalogue.names() : services) {
            logs.put(catalogue.require(name).name(), projectRoot.resolve(Platform.LOG_DIR).resolve(name + ".log"));
        }
        out.println("Following " + String.join(", ", logs.keySet()) + " (Ctrl-C to stop following)");
        LogStream.follow(logs, false, colour, out);
        // Follows until Ctrl-C ends the process: the stream's threads do the work, this one only waits.
        new CountDownLatch(1).await();
        return 0;
    }
}
