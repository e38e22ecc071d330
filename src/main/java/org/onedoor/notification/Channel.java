package org.onedoor.notification;

/** How a message reaches a person. */
public enum Channel { EMAIL, SMS }
