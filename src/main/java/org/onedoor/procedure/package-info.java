/**
 * Administrative procedures as data: the national catalogue (codes, fields, levels, channels with time limits and
 * fees) as a shared reference, and each city's versioned procedures and workflow definitions (ADR 0021).
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "organisation", "calendar", "identity", "audit"})
@NullMarked
package org.onedoor.procedure;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
