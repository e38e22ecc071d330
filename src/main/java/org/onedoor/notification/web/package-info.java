/** The operators' page and API over a city's messages and templates. */
@NullMarked
package org.onedoor.notification.web;

import org.jspecify.annotations.NullMarked;
