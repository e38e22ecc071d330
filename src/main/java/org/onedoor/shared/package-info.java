/** The shared kernel: value types every module speaks (tenant ids, localised texts, pages, problems), and no Spring beans. */
@NullMarked
package org.onedoor.shared;

import org.jspecify.annotations.NullMarked;
