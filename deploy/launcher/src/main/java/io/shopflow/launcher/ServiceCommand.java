package io.shopflow.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line a service's process runs, and where: its packaged jar on a JVM, or Quarkus dev mode through the
 * Maven wrapper. Either way it gets the same environment (ports, Kafka, its database), so the rest of the platform
 * cannot tell the two apart.
 *
 * @param devMode whether it runs in Quarkus dev mode (live reload, Dev UI)
 */
record ServiceCommand(List<String> arguments, Path directory, boolean devMode) {

    ServiceCommand {
        arguments = List.copyOf(arguments);
    }

    static ServiceCommand packagedJar(ServiceDefinition service, Path projectRoot, ServiceJvm jvm) {
        List<String> arguments = new ArrayList<>();
        arguments.add(jvm.java().toString());
        arguments.addAll(jvm.options());
        arguments.add("-jar");
        arguments.add(service.runnerJar(projectRoot).toString());
        // Quarkus reads config/application.properties relative to the working directory, as in production.
        return new ServiceCommand(arguments, projectRoot.resolve(service.modulePath()), false);
    }

    /**
     * {@code -am} puts the modules the service depends on into the reactor, so dev mode compiles them and reloads
     * their changes too; for those library modules quarkus:dev itself is a no-op. Batch mode: the output goes to a log
     * file, not a terminal. Build analytics are off because their first-run question would hold dev mode up for ten
     * seconds on every start. Further Maven options (-o, a local repository) come from MAVEN_ARGS, which Maven reads.
     */
    static ServiceCommand devMode(ServiceDefinition service, Path projectRoot) {
        return new ServiceCommand(List.of(projectRoot.resolve("mvnw").toString(), "-B", "quarkus:dev",
                "-pl", service.modulePath(), "-am", "-Dquarkus.analytics.disabled=true"), projectRoot, true);
    }
}
