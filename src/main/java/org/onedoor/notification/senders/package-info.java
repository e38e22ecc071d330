/** What makes a message: dossier events for applicants and staff, and identity's verification codes. */
@NullMarked
package org.onedoor.notification.senders;

import org.jspecify.annotations.NullMarked;
