package org.onedoor.dossier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Attached files on the local file system, under {@code <onedoor.data-dir>/files/<key>}. A file is written to a
 * temporary file in its final directory, forced to disk, then renamed into place atomically and the directory forced,
 * so a crash leaves either the whole file or none. Keys must have the form the server makes ({@code tenant/yyyy/MM/uuid});
 * anything else (a {@code ..}, a slash too many, a user's file name) is refused before the file system is touched.
 *
 * <p>The default storage: another installation sets {@code onedoor.files.storage} to something else and provides its
 * own {@link FileStorage} bean.
 */
@Component
@ConditionalOnProperty(name = "onedoor.files.storage", havingValue = "filesystem", matchIfMissing = true)
class FileSystemStorage implements FileStorage {

    private static final Logger log = LoggerFactory.getLogger(FileSystemStorage.class);
    static final Pattern KEY = Pattern.compile(
            "[a-z][a-z0-9-]{1,30}/\\d{4}/\\d{2}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path root;

    FileSystemStorage(@Value("${onedoor.data-dir}") Path dataDir) {
        this.root = dataDir.resolve("files").toAbsolutePath().normalize();
    }

    /** Where the key's bytes are (or would be) kept. */
    Path path(String key) {
        if (key == null || !KEY.matcher(key).matches()) throw new IllegalArgumentException("Not a storage key: " + key);
        var path = root.resolve(key).normalize();
        if (!path.startsWith(root)) throw new IllegalArgumentException("Not a storage key: " + key);
        return path;
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        var target = path(key);
        var dir = target.getParent();
        Files.createDirectories(dir);
        if (Files.exists(target)) throw new FileAlreadyExistsException(target.toString());
        var temp = Files.createTempFile(dir, ".upload-", ".tmp");
        try {
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                var buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(dir);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        var path = path(key);
        if (Files.deleteIfExists(path)) forceDirectory(path.getParent());
    }

    /** Makes the directory entry (a rename, a removal) durable; not every file system lets a directory be opened. */
    private static void forceDirectory(Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Could not force directory {}: {}", dir, e.toString());
        }
    }
}
