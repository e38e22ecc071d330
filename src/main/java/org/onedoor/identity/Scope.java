package org.onedoor.identity;

/** How far a grant reaches: its unit only, or the unit and every unit under it on the day of the check. */
public enum Scope { UNIT, SUBTREE }
