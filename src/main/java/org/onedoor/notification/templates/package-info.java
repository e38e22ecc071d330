/** The wording of every message, per language from the bundles, and as a city rewords it. */
@NullMarked
package org.onedoor.notification.templates;

import org.jspecify.annotations.NullMarked;
