package org.onedoor.dossier;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where attached files are kept, outside the database: the file system by default ({@code FileSystemStorage}), an
 * object store in another installation. Keys are made by the caller from server-side values only — the tenant, the
 * month and a random id, e.g. {@code hanoi/2026/11/6f0c…} — never from anything a user typed; an implementation
 * refuses any other form.
 */
public interface FileStorage {

    /** Stores the bytes under a new key, all or nothing: a reader never sees part of a file. */
    void put(String key, byte[] content) throws IOException;

    /** The stored bytes; {@link java.nio.file.NoSuchFileException} when there are none. */
    InputStream open(String key) throws IOException;

    /** The stored bytes, read whole (attachments are small, at most a few megabytes). */
    default byte[] get(String key) throws IOException {
        try (var in = open(key)) {
            return in.readAllBytes();
        }
    }

    /** Forgets the key; nothing happens when it holds nothing. */
    void delete(String key) throws IOException;
}
