package org.onedoor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Rules Spring Modulith cannot express (style.md H2, H3, H6). */
class ArchitectureTests {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.onedoor");

    @Test
    void domainCodeDoesNotDependOnTheWebLayer() {
        noClasses().that().resideOutsideOfPackage("..web..")
                .should().dependOnClassesThat().resideInAPackage("org.onedoor.*.web..")
                .check(CLASSES);
    }

    @Test
    void controllersAreNotPublic() {
        classes().that().resideInAPackage("..web..").and().haveSimpleNameEndingWith("Api")
                .or().haveSimpleNameEndingWith("Pages")
                .should().notBePublic().check(CLASSES);
    }

    @Test
    void timeComesFromTheInjectedClock() {
        noClasses().should().callMethod(LocalDate.class, "now")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .check(CLASSES);
    }

    @Test
    void theSharedKernelHoldsNoSpring() {
        noClasses().that().resideInAPackage("org.onedoor.shared..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(CLASSES);
    }
}
