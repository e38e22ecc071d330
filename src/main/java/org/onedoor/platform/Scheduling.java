package org.onedoor.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the modules' scheduled jobs (nightly sweeps such as disabling dormant accounts). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {
}
