/**
 * Messages to people by e-mail and SMS. Today: delivery after the sender's transaction commits, e-mail over SMTP and
 * SMS through a gateway (a logging one for the demo); the outbox with retries and per-tenant templates comes next.
 */
@ApplicationModule(allowedDependencies = {"shared"})
@NullMarked
package org.onedoor.notification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
