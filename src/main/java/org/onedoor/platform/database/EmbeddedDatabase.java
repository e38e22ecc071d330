package org.onedoor.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * A real PostgreSQL started by the application itself when no external database is configured, with its data kept
 * under the data directory so that a second start reuses it. One server per data directory and JVM: several Spring
 * contexts in one test run share it.
 */
final class EmbeddedDatabase {

    static final String DATABASE = "onedoor";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final ConcurrentHashMap<Path, EmbeddedDatabase> RUNNING = new ConcurrentHashMap<>();

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * The server for this data directory, started on first use; {@code durable} keeps fsync on (off only in tests),
     * {@code fresh} wipes the directory before the first start in this JVM (tests only).
     */
    static EmbeddedDatabase forDirectory(Path pgData, boolean durable, boolean fresh) {
        return RUNNING.computeIfAbsent(pgData.toAbsolutePath().normalize(), dir -> {
            if (fresh) wipe(dir);
            return start(dir, durable);
        });
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not wipe " + dir, e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    private static EmbeddedDatabase start(Path dir, boolean durable) {
        try {
            Files.createDirectories(dir);
            stopOrphanedServer(dir);
            var started = System.nanoTime();
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("encoding", "UTF8")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Stopped by us after every Spring context has closed (below), not by a JVM hook racing them.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC");
            if (durable) {
                // zonky starts the server with -F (fsync off); nothing acknowledged may be lost, so turn it back on.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            } else {
                builder.setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off");
            }
            var postgres = builder.start();
            SpringApplication.getShutdownHandlers().add(() -> stop(postgres, dir));
            createDatabaseIfMissing(postgres);
            log.info("Embedded PostgreSQL ready on port {} with data in {} ({} ms)", postgres.getPort(), dir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    private static void stop(EmbeddedPostgres postgres, Path dir) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL in {} cleanly: {}", dir, e.getMessage());
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + DATABASE, e);
        }
    }

    /**
     * A server left running by a process that was killed (kill -9) still holds the data directory; it has no clients
     * left, so a polite shutdown request ends it before we start our own.
     */
    private static void stopOrphanedServer(Path dir) throws IOException {
        var pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        var lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) return;
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().strip());
        } catch (NumberFormatException e) {
            return;
        }
        var process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) return;
        log.warn("Stopping the embedded PostgreSQL (pid {}) left running in {} by an earlier process", pid, dir);
        process.get().destroy();
        try {
            process.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("An earlier PostgreSQL (pid " + pid + ") still holds " + dir, e);
        }
    }
}
