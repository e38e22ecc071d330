package org.onedoor.shared;

import java.util.regex.Pattern;

/** The code of a city that shares the installation, e.g. {@code hanoi}; the first column of every tenant-owned key. */
public record TenantId(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9-]{1,30}");

    public TenantId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("A tenant id is 2-31 lower-case letters, digits or hyphens: " + value);
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
