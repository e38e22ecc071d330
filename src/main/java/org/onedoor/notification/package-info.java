/**
 * Messages to people by e-mail and SMS through an outbox (ADR 0023): each message is a row written in the transaction of
 * what caused it, in the recipient's language from templates a city may reword, delivered by dispatchers on any node
 * with retries, and watched by the city's operators. It writes to applicants on dossier events, to staff on hand-overs,
 * and delivers identity's verification codes.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform", "organisation", "audit", "identity", "dossier"})
@NullMarked
package org.onedoor.notification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
