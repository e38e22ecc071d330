package org.onedoor.notification;

/** Where a message stands: waiting for its next attempt, delivered, given up after the last attempt, or withdrawn. */
public enum MessageStatus { PENDING, SENT, FAILED, CANCELLED }
