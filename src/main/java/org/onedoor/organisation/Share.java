package org.onedoor.organisation;

/** How much of a predecessor went to a successor: all of it, or part of its territory and population. */
public enum Share { FULL, PARTIAL }
