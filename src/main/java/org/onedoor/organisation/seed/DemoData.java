package org.onedoor.organisation.seed;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the organisation seed at start in demo mode, and serves the {@code import} command: {@code ./onedoor import
 * [--data=DIR]} imports again (from DIR where given), prints every rejected row and exits non-zero if any.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private final HanoiOrganisationImport hanoi;
    private final VientianeOrganisationImport vientiane;
    private final ApplicationContext context;
    private final boolean demo;

    DemoData(HanoiOrganisationImport hanoi, VientianeOrganisationImport vientiane, ApplicationContext context,
             @Value("${onedoor.demo}") boolean demo) {
        this.hanoi = hanoi;
        this.vientiane = vientiane;
        this.context = context;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.getNonOptionArgs().contains("import")) {
            var data = args.getOptionValues("data");
            var report = data == null || data.isEmpty() ? hanoi.run() : hanoi.run(Path.of(data.getFirst()));
            System.out.println("hanoi organisation: " + report.full());
            var lao = vientiane.run();
            System.out.println("vientiane organisation: " + lao.full());
            var status = report.rejections().isEmpty() && lao.rejections().isEmpty() ? 0 : 1;
            System.exit(SpringApplication.exit(context, () -> status));
        }
        if (demo) {
            var started = System.nanoTime();
            var report = hanoi.run();
            log.info("Demo data, Hanoi organisation: {} ({} ms)", report.summary(), (System.nanoTime() - started) / 1_000_000);
            report.rejections().forEach(r -> log.warn("Rejected seed row {}", r));
            var lao = vientiane.run();
            log.info("Demo data, Vientiane organisation: {}", lao.summary());
        }
    }
}
