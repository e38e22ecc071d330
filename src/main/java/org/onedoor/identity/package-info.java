/**
 * Who may do what: staff and citizen accounts, passwords and a second factor, sessions and API tokens, and grants of
 * roles (named permission sets) scoped to a unit or a unit's subtree of the organisation tree; deny by default.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "organisation", "audit"})
@NullMarked
package org.onedoor.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
