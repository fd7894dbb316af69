package io.shopflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package template every service follows (docs/decisions/0008-service-package-template.md), as rules over the
 * classes of one service. A service applies them all with its own root package:
 *
 * <pre>
 * &#64;AnalyzeClasses(packages = "io.shopflow.order", importOptions = ImportOption.DoNotIncludeTests.class)
 * class PackageLayoutTest {
 *     &#64;ArchTest
 *     static final ArchTests TEMPLATE = ArchTests.in(ServiceLayout.class);
 * }
 * </pre>
 *
 * The patterns name the layer right under the root ({@code io.shopflow.<service>.<layer>}), so they hold for
 * whichever service is analysed and never match a shared library's package that happens to share a layer's name
 * (the generated {@code io.shopflow.grpc.order.v1} is not a service's {@code grpc} layer).
 */
public final class ServiceLayout {

    private static final String API = "io.shopflow.*.api..";
    private static final String GRPC = "io.shopflow.*.grpc..";
    private static final String MESSAGING = "io.shopflow.*.messaging..";
    private static final String APP = "io.shopflow.*.app..";
    private static final String DOMAIN = "io.shopflow.*.domain..";
    private static final String PERSISTENCE = "io.shopflow.*.persistence..";
    private static final String CLIENT = "io.shopflow.*.client..";
    private static final String CONFIG = "io.shopflow.*.config..";
    /** Kafka and SmallRye Reactive Messaging. */
    private static final String[] KAFKA = {
        "org.apache.kafka..", "io.smallrye.reactive.messaging..", "org.eclipse.microprofile.reactive.messaging.."};
    private static final String CONFIG_MAPPING = "io.smallrye.config.ConfigMapping";

    /** Strict on purpose: a test that analyses the wrong root package finds no class and fails here. */
    @ArchTest
    public static final ArchRule EVERY_CLASS_IN_A_TEMPLATE_PACKAGE = classes()
            .should().resideInAnyPackage(API, GRPC, MESSAGING, APP, DOMAIN, PERSISTENCE, CLIENT, CONFIG)
            .because("a newcomer finds a class where its role says, in every service alike");

    @ArchTest
    public static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.shopflow.*.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    public static final ArchRule EDGES_DEPEND_INWARD = noClasses()
            .that().resideInAnyPackage(APP, DOMAIN, PERSISTENCE, CLIENT, CONFIG)
            .should().dependOnClassesThat().resideInAnyPackage(API, GRPC, MESSAGING)
            .because("REST resources, gRPC services and consumers call the application, never the reverse");

    @ArchTest
    public static final ArchRule DOMAIN_DEPENDS_ON_NO_OTHER_LAYER = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(APP, PERSISTENCE, CLIENT, API, GRPC, MESSAGING)
            .allowEmptyShould(true)
            .because("the domain is what the other layers are about");

    /** Kafka is kept out of the domain, and of every layer but messaging, by {@link #KAFKA_ONLY_IN_MESSAGING}. */
    @ArchTest
    public static final ArchRule DOMAIN_FREE_OF_TRANSPORT_AND_STORAGE = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    // REST
                    "jakarta.ws.rs..", "org.jboss.resteasy..",
                    // gRPC, its messages and the generated contracts
                    "io.grpc..", "io.quarkus.grpc..", "com.google.protobuf..", "io.shopflow.grpc..",
                    // persistence: Vert.x SQL clients, JPA, JDBC
                    "io.vertx.sqlclient..", "io.vertx.pgclient..", "io.vertx.mutiny.sqlclient..",
                    "io.vertx.mutiny.pgclient..", "jakarta.persistence..", "java.sql..")
            .allowEmptyShould(true)
            .because("rules and values read the same whichever edge or store they are reached through");

    @ArchTest
    public static final ArchRule KAFKA_ONLY_IN_MESSAGING = noClasses()
            .that().resideOutsideOfPackage(MESSAGING)
            .should().dependOnClassesThat().resideInAnyPackage(KAFKA)
            .because("the messaging layer is the wiring of channels; the application hands it event handlers");

    @ArchTest
    public static final ArchRule CONFIG_HOLDS_ONLY_MAPPINGS = classes()
            .that().resideInAPackage(CONFIG).and().areTopLevelClasses()
            .should().beInterfaces().andShould().beAnnotatedWith(CONFIG_MAPPING)
            .allowEmptyShould(true)
            .because("config is the one home of the service's @ConfigMapping interfaces (their groups and enums"
                    + " nest inside them)");

    @ArchTest
    public static final ArchRule MAPPINGS_LIVE_IN_CONFIG = classes()
            .that().areAnnotatedWith(CONFIG_MAPPING)
            .should().resideInAPackage(CONFIG)
            .allowEmptyShould(true)
            .because("a service's configuration is found in one place");

    private ServiceLayout() {
    }
}
