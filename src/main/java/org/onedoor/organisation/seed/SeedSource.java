package org.onedoor.organisation.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Where seed files are read from: the copies bundled in the application, or a directory given by the operator. */
record SeedSource(@Nullable Path directory, String classpathFolder) {

    static SeedSource bundled(String tenant) {
        return new SeedSource(null, "seed/organisation/" + tenant + "/");
    }

    static SeedSource directory(Path directory, String tenant) {
        return new SeedSource(directory, "seed/organisation/" + tenant + "/");
    }

    /** A file of the directory when it has one, else the bundled copy (hand-made files live only in the bundle). */
    byte[] read(String file) {
        try {
            if (directory != null && Files.exists(directory.resolve(file))) {
                return Files.readAllBytes(directory.resolve(file));
            }
            try (InputStream in = SeedSource.class.getClassLoader().getResourceAsStream(classpathFolder + file)) {
                if (in == null) throw new IllegalStateException("Seed file missing: " + classpathFolder + file);
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String digest(String... files) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            for (var file : files) sha.update(read(file));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
