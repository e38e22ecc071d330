/** Handing a message to its channel: the SMTP server for e-mail, the city's SMS gateway for text messages. */
@NullMarked
package org.onedoor.notification.delivery;

import org.jspecify.annotations.NullMarked;
