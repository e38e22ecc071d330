/**
 * Technical infrastructure every module stands on and no domain: the embedded PostgreSQL, web and language
 * configuration, and problem-details responses (ADR 0016).
 */
@NullMarked
package org.onedoor.platform;

import org.jspecify.annotations.NullMarked;
