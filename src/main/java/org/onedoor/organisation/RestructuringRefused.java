package org.onedoor.organisation;

import org.onedoor.shared.Problem;

/** A restructuring that would break the tree's history: a unit not in force that day, a dissolved parent... */
public class RestructuringRefused extends Problem {

    public RestructuringRefused(String reason, Object... arguments) {
        super("restructuring-refused." + reason, Kind.CONFLICT, arguments);
    }
}
