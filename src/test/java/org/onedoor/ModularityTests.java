package org.onedoor;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure holds (no cycles, only declared dependencies, internals stay internal) and is documented. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(OneDoorApplication.class);

    @Test
    void verifiesModularStructure() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        var before = GeneratedDocs.snapshot(java.nio.file.Path.of("docs/modules"));
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases()
                .writeAggregatingDocument();
        GeneratedDocs.keepUnlessChanged(before);
    }
}
