package io.shopflow.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway's role packages and which may use which (docs/decisions/0009-gateway-roles.md): the allowed
 * dependencies point one way, from the edge that wires everything down to the configuration, so no two roles depend
 * on each other. The rules every service shares (no package cycles, REST and messaging types kept out of domain
 * code) are not repeated here.
 */
@AnalyzeClasses(packages = "io.shopflow.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayRolesTest {

    @ArchTest
    static final ArchRule rolesDependDownwardOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("edge").definedBy("io.shopflow.gateway.edge..")
            .layer("api").definedBy("io.shopflow.gateway.api..")
            .layer("operations").definedBy("io.shopflow.gateway.operations..")
            .layer("console").definedBy("io.shopflow.gateway.console..")
            .layer("ratelimit").definedBy("io.shopflow.gateway.ratelimit..")
            .layer("security").definedBy("io.shopflow.gateway.security..")
            .layer("client").definedBy("io.shopflow.gateway.client..")
            .layer("route").definedBy("io.shopflow.gateway.route..")
            .layer("config").definedBy("io.shopflow.gateway.config..")
            // The proxy wires the roles together and answers through them; nothing uses the proxy.
            .whereLayer("edge").mayNotBeAccessedByAnyLayer()
            .whereLayer("console").mayNotBeAccessedByAnyLayer()
            .whereLayer("operations").mayOnlyBeAccessedByLayers("edge")
            .whereLayer("operations").mayOnlyAccessLayers("api", "security", "client", "route", "config")
            .whereLayer("ratelimit").mayOnlyAccessLayers("security", "route", "config")
            .whereLayer("api").mayOnlyAccessLayers("client", "config")
            .whereLayer("security").mayOnlyAccessLayers("route", "config")
            .whereLayer("client").mayOnlyAccessLayers("config")
            .whereLayer("route").mayOnlyAccessLayers("config")
            .whereLayer("console").mayOnlyAccessLayers("config")
            .whereLayer("config").mayNotAccessAnyLayer();

    /** Every class has a role: one left in the root package would be found by no name. */
    @ArchTest
    static final ArchRule everyClassInARolePackage = noClasses().should().resideInAPackage("io.shopflow.gateway");
}
