package org.onedoor.organisation;

/** What a restructuring did to the tree. */
public enum ChangeKind {
    /** A unit came into being (or into our records) without predecessors. */
    ESTABLISH,
    /** Several units became one (n→1); the successor may be new or one of them. */
    MERGE,
    /** One unit became several (1→n), each taking part of it. */
    SPLIT,
    /** A unit took a new name (and possibly a new code); it stays the same unit. */
    RENAME,
    /** A unit moved under another parent. */
    REPARENT,
    /** A unit changed type, e.g. a commune became a ward. */
    RECLASSIFY,
    /** A unit ceased to exist without a successor, e.g. the districts on 1 July 2025. */
    DISSOLVE
}
