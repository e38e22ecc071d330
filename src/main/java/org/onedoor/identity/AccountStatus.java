package org.onedoor.identity;

/** Where an account stands: waiting for its contact to be verified, usable, locked after failures, or disabled. */
public enum AccountStatus { PENDING_VERIFICATION, ACTIVE, LOCKED, DISABLED }
