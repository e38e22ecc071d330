package org.onedoor.identity;

/** Where a person is reached to verify their contact: their e-mail address or their phone. */
public enum ContactChannel { EMAIL, SMS }
