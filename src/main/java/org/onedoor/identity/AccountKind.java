package org.onedoor.identity;

/** Staff work for a unit and log in with a second factor; citizens and businesses act for themselves. */
public enum AccountKind { STAFF, CITIZEN }
