/**
 * Working calendars per city: office hours, each year's days off and make-up working days with their legal basis,
 * the Vietnamese lunar calendar, and the arithmetic of legal time limits in working time.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "organisation", "audit"})
@NullMarked
package org.onedoor.calendar;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
