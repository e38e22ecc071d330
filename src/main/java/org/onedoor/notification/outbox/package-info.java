/** The outbox: messages as rows written with what caused them, claimed and delivered by dispatchers, retried, watched. */
@NullMarked
package org.onedoor.notification.outbox;

import org.jspecify.annotations.NullMarked;
