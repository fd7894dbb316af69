package io.shopflow.order;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.shopflow.architecture.ServiceLayout;

/** This service follows the package template (decision 0008). */
@AnalyzeClasses(packages = "io.shopflow.order", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageLayoutTest {

    @ArchTest
    static final ArchTests TEMPLATE = ArchTests.in(ServiceLayout.class);
}
