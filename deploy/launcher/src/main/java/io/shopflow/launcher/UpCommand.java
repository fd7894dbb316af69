package io.shopflow.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code up}: infrastructure, then every built service, in the foreground until Ctrl-C. */
final class UpCommand {

    private final Path projectRoot;
    private final ServiceCatalogue catalogue;
    private final PrintStream out;

    UpCommand(Path projectRoot, ServiceCatalogue catalogue, PrintStream out) {
        this.projectRoot = projectRoot;
        this.catalogue = catalogue;
        this.out = out;
    }

    int run(boolean freshDatabases) throws InterruptedException {
        RunningPlatform platform = PlatformStarter.start(projectRoot, builtServices(), freshDatabases, false,
                projectRoot.resolve(Platform.LOG_DIR), out, Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "shopflow-platform-stop"));
        out.print(Summary.of(platform.services(), platform.infrastructure().kafkaBootstrapServers(),
                platform.infrastructure().postgres().describe()));
        out.println("Press Ctrl-C to stop everything.");
        // Nothing left to do but wait: Ctrl-C (SIGINT) or SIGTERM runs the shutdown hook, which stops it all.
        new CountDownLatch(1).await();
        return 0;
    }

    /** Services are reported, never silently left out, when their jar has not been built. */
    private List<ServiceDefinition> builtServices() {
        List<ServiceDefinition> built = new ArrayList<>();
        for (ServiceDefinition service : catalogue.services()) {
            if (Files.isRegularFile(service.runnerJar(projectRoot))) {
                built.add(service);
            } else {
                out.printf("Not starting %s: %s does not exist. Build it with ./platform up (without --no-build) "
                        + "or ./mvnw -DskipTests install%n", service.name(), projectRoot.relativize(service.runnerJar(projectRoot)));
            }
        }
        return built;
    }
}
