package org.onedoor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** The one deployable of OneDoor: a modular monolith whose top-level packages are its modules. */
@Modulithic(sharedModules = {"shared", "platform"})
@SpringBootApplication
@ConfigurationPropertiesScan
public class OneDoorApplication {

    public static void main(String[] args) {
        var application = new SpringApplication(OneDoorApplication.class);
        var command = java.util.Arrays.asList(args);
        if (command.contains("import") || command.contains("bootstrap-admin") || command.contains("audit-verify")) {
            application.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
        }
        application.run(args);
    }
}
