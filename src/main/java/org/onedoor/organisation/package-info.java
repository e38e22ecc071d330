/**
 * The organisation tree of each city: tenants, units as effective-dated versions, and the restructurings (merges,
 * splits, renames...) that link predecessors to successors so that history survives every reorganisation.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "audit"})
@NullMarked
package org.onedoor.organisation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
