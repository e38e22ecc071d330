/** The append-only, hash-chained audit trail of security events and of every state change, and its verification. */
@ApplicationModule(allowedDependencies = {"shared"})
@NullMarked
package org.onedoor.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
