package io.shopflow.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule passes on a service that follows the template ({@code io.shopflow.tidy}) and fails on one that breaks
 * it ({@code io.shopflow.drifted}, where each rule is broken at least once): a rule that can never fail would let
 * every service drift unseen.
 */
class ServiceLayoutTest {

    private static final JavaClasses TIDY = new ClassFileImporter().importPackages("io.shopflow.tidy");
    private static final JavaClasses DRIFTED = new ClassFileImporter().importPackages("io.shopflow.drifted");

    static List<ArchRule> rules() {
        return List.of(ServiceLayout.EVERY_CLASS_IN_A_TEMPLATE_PACKAGE, ServiceLayout.NO_PACKAGE_CYCLES,
                ServiceLayout.EDGES_DEPEND_INWARD, ServiceLayout.DOMAIN_DEPENDS_ON_NO_OTHER_LAYER,
                ServiceLayout.DOMAIN_FREE_OF_TRANSPORT_AND_STORAGE, ServiceLayout.KAFKA_ONLY_IN_MESSAGING,
                ServiceLayout.CONFIG_HOLDS_ONLY_MAPPINGS, ServiceLayout.MAPPINGS_LIVE_IN_CONFIG);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void holdsForATidyService(ArchRule rule) {
        var result = rule.evaluate(TIDY);
        assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
    }

    @ParameterizedTest
    @MethodSource("rules")
    void failsForADriftedService(ArchRule rule) {
        assertTrue(rule.evaluate(DRIFTED).hasViolation(), () -> rule.getDescription() + " found nothing");
    }
}
