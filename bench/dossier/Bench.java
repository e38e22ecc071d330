// The dossier life cycle over HTTP (see README.md beside this file): N client threads, each running life cycles back
// to back with no think time, as ../shared/peer-bench does for Flowable and lean SQL: reception at a ward's counter
// (POST /dossiers, with an Idempotency-Key), then FORWARD by the clerk, PROPOSE by the ward's specialist, APPROVE by
// its head and RETURN_RESULT by the clerk (POST /dossiers/{code}/actions with If-Match), wards taken round-robin.
// After the timed life cycles: the public status look-up and the staff work queues, each for a fixed time.
// Every answer is checked (201/200 and the expected national status code); any other answer counts as an error.
// Usage: java bench/dossier/Bench.java http://localhost:PORT DATA_DIR [--threads=4] [--warmup=20] [--duration=60]
//        [--procedure=1.001193] [--lookup-seconds=15] [--queue-seconds=15]
// JDK only, no dependencies. The HTTP client is a minimal blocking HTTP/1.1 one with a kept-alive connection per thread:
// the driver shares the two cores with OneDoor and PostgreSQL, and java.net.http's client took ~10 ms of CPU per life
// cycle (a quarter of the machine), which the peers, measured in-process, never pay.

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

record Account(String username, String password, String totp, String role, String unit) {
}

/** A ward with its three officers' tokens. */
record Ward(String code, String clerk, String specialist, String head) {
}

/** An answer: status and body. */
record Response(int statusCode, String body) {
}
static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
static final Pattern STATUS_CODE = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
static final String[] CALLS = {"reception", "forward", "propose", "approve", "return"};
static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
static final String[] MIDDLE = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân"};
static final String[] GIVEN = {"An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Phương", "Quân", "Sơn", "Trang", "Tú", "Yến"};

static String base;
static String tenant = "hanoi";

static String opt(String[] args, String name, String fallback) {
    for (var a : args) if (a.startsWith("--" + name + "=")) return a.substring(name.length() + 3);
    return fallback;
}

void main(String[] args) throws Exception {
    base = args[0];
    var dataDir = Path.of(args[1]);
    int threads = Integer.parseInt(opt(args, "threads", "4"));
    int warmup = Integer.parseInt(opt(args, "warmup", "20"));
    int duration = Integer.parseInt(opt(args, "duration", "60"));
    var procedure = opt(args, "procedure", "1.001193");
    int lookupSeconds = Integer.parseInt(opt(args, "lookup-seconds", "15"));
    int queueSeconds = Integer.parseInt(opt(args, "queue-seconds", "15"));

    var wards = wards(dataDir.resolve("demo-accounts.csv"), threads);
    System.out.printf("%d wards staffed (clerk, specialist, head), tokens issued%n", wards.size());
    var body = receptionBody(procedure);

    // ---- life cycles -------------------------------------------------------------------------------------------
    var samples = new ConcurrentHashMap<String, ConcurrentLinkedQueue<Long>>();
    for (var c : CALLS) samples.put(c, new ConcurrentLinkedQueue<>());
    samples.put("lifecycle", new ConcurrentLinkedQueue<>());
    var errors = new AtomicLong();
    var firstErrors = new ConcurrentLinkedQueue<String>();
    var created = new ConcurrentLinkedQueue<String[]>();
    var next = new AtomicInteger();
    var start = System.nanoTime();
    var measureFrom = start + Duration.ofSeconds(warmup).toNanos();
    var end = measureFrom + Duration.ofSeconds(duration).toNanos();
    var completed = new AtomicLong();
    var pool = Executors.newFixedThreadPool(threads);
    var cpuBefore = processCpu();
    // the machine's CPU over the measured window, split by process: OneDoor's JVM, PostgreSQL's backends, this driver
    var server = Long.parseLong(System.getenv().getOrDefault("ONEDOOR_BENCH_PID", "0"));
    var window = new Budget[2];
    var budgetTaker = Thread.ofPlatform().daemon().start(() -> {
        try {
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            window[0] = Budget.now(server);
            Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
            window[1] = Budget.now(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    });
    for (int t = 0; t < threads; t++) {
        pool.submit(() -> {
            while (System.nanoTime() < end) {
                var ward = wards.get(Math.floorMod(next.getAndIncrement(), wards.size()));
                var began = System.nanoTime();
                var measured = began >= measureFrom;
                try {
                    var phone = "09" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
                    var t0 = System.nanoTime();
                    var r = send("POST", "/dossiers", ward.clerk(), body.replace("PHONE", phone).replace("NAME", name()),
                            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                    var t1 = System.nanoTime();
                    expect(r, 201, 2);
                    var code = match(CODE, r.body());
                    if (measured) samples.get("reception").add(t1 - t0);
                    String[][] steps = {{"FORWARD", ward.clerk(), "forward", "4"}, {"PROPOSE", ward.specialist(), "propose", "4"},
                            {"APPROVE", ward.head(), "approve", "9"}, {"RETURN_RESULT", ward.clerk(), "return", "10"}};
                    int version = 1;
                    for (var step : steps) {
                        var s0 = System.nanoTime();
                        var a = send("POST", "/dossiers/" + code + "/actions", step[1], "{\"action\":\"" + step[0] + "\"}",
                                Map.of("If-Match", "\"" + version + "\""));
                        var s1 = System.nanoTime();
                        expect(a, 200, Integer.parseInt(step[3]));
                        version++;
                        if (measured) samples.get(step[2]).add(s1 - s0);
                    }
                    var done = System.nanoTime();
                    if (measured && done <= end) {
                        samples.get("lifecycle").add(done - began);
                        completed.incrementAndGet();
                    }
                    if (created.size() < 200_000) created.add(new String[] {code, phone.substring(6)});
                } catch (Exception e) {
                    errors.incrementAndGet();
                    if (firstErrors.size() < 5) firstErrors.add(e.getMessage());
                }
            }
        });
    }
    pool.shutdown();
    pool.awaitTermination(warmup + duration + 120, java.util.concurrent.TimeUnit.SECONDS);
    var cpu = (processCpu() - cpuBefore);
    budgetTaker.join();
    double rate = completed.get() / (double) duration;
    System.out.printf(Locale.ROOT, "life cycles: %d in %d s = %.1f/s, errors %d%n", completed.get(), duration, rate, errors.get());
    firstErrors.forEach(e -> System.out.println("  error: " + e));
    var report = new LinkedHashMap<String, double[]>();
    for (var name : samples.keySet()) report.put(name, percentiles(samples.get(name)));

    // ---- public look-up ----------------------------------------------------------------------------------------
    var codes = new ArrayList<>(created);
    var lookups = timed(threads, lookupSeconds, () -> {
        var c = codes.get(ThreadLocalRandom.current().nextInt(codes.size()));
        var r = send("GET", "/dossiers/" + c[0] + "/status?check=" + c[1], null, null, Map.of());
        expect(r, 200, 10);
    });
    // ---- work queues -------------------------------------------------------------------------------------------
    // First, each clerk's and each head's queue once (cold: read from disk after the clone), reported apart; then the
    // queues for the time given, as clerks use them all day (warm).
    var cold = new ConcurrentLinkedQueue<Long>();
    for (var w : wards) {
        for (var unit : new boolean[] {false, true}) {
            var t0 = System.nanoTime();
            var r = send("GET", "/dossiers?queue=" + (unit ? "unit" : "mine") + "&size=50", unit ? w.head() : w.clerk(), null, Map.of());
            if (r.statusCode() != 200) throw new IllegalStateException("queue " + r.statusCode() + " " + r.body());
            cold.add(System.nanoTime() - t0);
        }
    }
    var firstVisit = percentiles(cold);
    var queues = timed(threads, queueSeconds, () -> {
        var w = wards.get(ThreadLocalRandom.current().nextInt(wards.size()));
        var unit = ThreadLocalRandom.current().nextBoolean();
        var r = send("GET", "/dossiers?queue=" + (unit ? "unit" : "mine") + "&size=50", unit ? w.head() : w.clerk(), null, Map.of());
        if (r.statusCode() != 200) throw new IllegalStateException("queue " + r.statusCode() + " " + r.body());
    });

    System.out.println();
    System.out.printf("%-12s %9s %9s %9s %9s%n", "call", "count", "p50 ms", "p95 ms", "p99 ms");
    for (var e : report.entrySet()) {
        var p = e.getValue();
        System.out.printf(Locale.ROOT, "%-12s %9d %9.2f %9.2f %9.2f%n", e.getKey(), (long) p[3], p[0], p[1], p[2]);
    }
    System.out.printf(Locale.ROOT, "%-12s %9d %9.2f %9.2f %9.2f   %.0f/s, errors %d%n", "look-up", (long) lookups[3], lookups[0], lookups[1], lookups[2], lookups[4], (long) lookups[5]);
    System.out.printf(Locale.ROOT, "%-12s %9d %9.2f %9.2f %9.2f   (each queue's first visit, one at a time)%n", "queue cold",
            (long) firstVisit[3], firstVisit[0], firstVisit[1], firstVisit[2]);
    System.out.printf(Locale.ROOT, "%-12s %9d %9.2f %9.2f %9.2f   %.0f/s, errors %d%n", "work queue", (long) queues[3], queues[0], queues[1], queues[2], queues[4], (long) queues[5]);
    var lc = report.get("lifecycle");
    System.out.printf(Locale.ROOT, "SUMMARY onedoor lifecycles/s %.1f (p50/p95/p99 %.1f/%.1f/%.1f ms; %d threads; errors %d); driver CPU %.1f ms per life cycle%n",
            rate, lc[0], lc[1], lc[2], threads, errors.get(), completed.get() == 0 ? 0 : cpu / 1e6 / completed.get());
    if (window[0] != null && window[1] != null && completed.get() > 0) {
        var n = (double) completed.get();
        var b0 = window[0];
        var b1 = window[1];
        System.out.printf(Locale.ROOT, "SUMMARY onedoor CPU ms per life cycle in the measured window: machine %.1f (busy %.0f %%) = OneDoor JVM %.1f + PostgreSQL %.1f + driver %.1f + other %.1f%n",
                (b1.busy() - b0.busy()) / n, 100.0 * (b1.busy() - b0.busy()) / Math.max(1, b1.total() - b0.total()),
                (b1.jvm() - b0.jvm()) / n, (b1.pg() - b0.pg()) / n, (b1.driver() - b0.driver()) / n,
                ((b1.busy() - b0.busy()) - (b1.jvm() - b0.jvm()) - (b1.pg() - b0.pg()) - (b1.driver() - b0.driver())) / n);
    }
    System.out.printf(Locale.ROOT, "SUMMARY onedoor calls p95 ms: reception %.1f, forward %.1f, propose %.1f, approve %.1f, return %.1f%n",
            report.get("reception")[1], report.get("forward")[1], report.get("propose")[1], report.get("approve")[1], report.get("return")[1]);
    System.out.printf(Locale.ROOT, "SUMMARY onedoor public look-up %.0f/s (p99 %.1f ms); work queue p95 %.1f ms (%.0f/s), first visit p95 %.1f ms%n",
            lookups[4], lookups[2], queues[1], queues[4], firstVisit[1]);
    System.out.printf(Locale.ROOT, "RESULT\tonedoor\tlifecycles_per_s\t%.1f%nRESULT\tonedoor\tlookup_p99_ms\t%.2f%nRESULT\tonedoor\tqueue_p95_ms\t%.2f%n",
            rate, lookups[2], queues[1]);
    if (errors.get() > 0 || lookups[5] > 0 || queues[5] > 0) System.exit(1);
}

/** p50, p95, p99 (ms), count. */
static double[] percentiles(java.util.Collection<Long> nanos) {
    var sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) return new double[] {0, 0, 0, 0};
    return new double[] {at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.length};
}

static double at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
}

interface Call {
    void run() throws Exception;
}

/** Runs the call back to back on N threads for the time given: p50, p95, p99, count, rate, errors. */
static double[] timed(int threads, int seconds, Call call) throws Exception {
    var samples = new ConcurrentLinkedQueue<Long>();
    var errors = new AtomicLong();
    var end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    var pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
        pool.submit(() -> {
            while (System.nanoTime() < end) {
                var t0 = System.nanoTime();
                try {
                    call.run();
                    samples.add(System.nanoTime() - t0);
                } catch (Exception e) {
                    if (errors.incrementAndGet() < 3) System.out.println("  error: " + e.getMessage());
                }
            }
        });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 60, java.util.concurrent.TimeUnit.SECONDS);
    var p = percentiles(samples);
    return new double[] {p[0], p[1], p[2], p[3], p[3] / seconds, errors.get()};
}

static String name() {
    var r = ThreadLocalRandom.current();
    return FAMILY[r.nextInt(FAMILY.length)] + " " + MIDDLE[r.nextInt(MIDDLE.length)] + " " + GIVEN[r.nextInt(GIVEN.length)];
}

static Response send(String method, String path, String token, String json, Map<String, String> headers) throws Exception {
    var all = new LinkedHashMap<String, String>();
    if (json != null) all.put("Content-Type", "application/json");
    if (token != null) all.put("Authorization", "Bearer " + token);
    all.putAll(headers);
    return Http.CONNECTION.get().exchange(method, "/api/v1/tenants/" + tenant + path, all, json);
}

/** One kept-alive HTTP/1.1 connection (per thread); reconnects once when the server has closed it. */
static final class Http {
    static final ThreadLocal<Http> CONNECTION = ThreadLocal.withInitial(Http::new);
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    Response exchange(String method, String target, Map<String, String> headers, String body) throws IOException {
        var uri = URI.create(base);
        var bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var head = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null || !method.equals("GET")) head.append("Content-Length: ").append(bytes.length).append("\r\n");
        head.append("\r\n");
        var request = head.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; ; attempt++) {
            boolean fresh = socket == null;
            try {
                if (fresh) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
                    in = new BufferedInputStream(socket.getInputStream(), 16_384);
                    out = socket.getOutputStream();
                }
                var message = new byte[request.length + bytes.length];
                System.arraycopy(request, 0, message, 0, request.length);
                System.arraycopy(bytes, 0, message, request.length, bytes.length);
                out.write(message);
                out.flush();
                return read();
            } catch (IOException e) {
                close();
                if (fresh || attempt > 0) throw e; // a kept-alive connection the server closed: one retry on a new one
            }
        }
    }

    private Response read() throws IOException {
        var status = line();
        if (status == null) throw new IOException("connection closed");
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false, close = false;
        for (String h; (h = line()) != null && !h.isEmpty(); ) {
            int colon = h.indexOf(':');
            var name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            var value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        var body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                copy(body, size);
                line();
            }
            while (!line().isEmpty()) { } // trailers
        } else if (length >= 0) {
            copy(body, length);
        } else {
            in.transferTo(body);
            close = true;
        }
        if (close) close();
        return new Response(code, body.toString(StandardCharsets.UTF_8));
    }

    private void copy(ByteArrayOutputStream to, long n) throws IOException {
        var buffer = new byte[8192];
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) throw new IOException("connection closed in a body");
            to.write(buffer, 0, r);
            n -= r;
        }
    }

    private String line() throws IOException {
        var b = new StringBuilder(64);
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') return b.length() > 0 && b.charAt(b.length() - 1) == '\r' ? b.substring(0, b.length() - 1) : b.toString();
            b.append((char) c);
        }
        return b.isEmpty() ? null : b.toString();
    }

    private void close() {
        try {
            if (socket != null) socket.close();
        } catch (IOException ignored) {
        }
        socket = null;
    }
}

static void expect(Response r, int status, int statusCode) {
    if (r.statusCode() != status) throw new IllegalStateException(r.statusCode() + " " + r.body());
    var code = match(STATUS_CODE, r.body());
    if (Integer.parseInt(code) != statusCode) throw new IllegalStateException("status code " + code + ", expected " + statusCode);
}

static String match(Pattern p, String text) {
    var m = p.matcher(text);
    if (!m.find()) throw new IllegalStateException("no " + p + " in " + text);
    return m.group(1);
}

/** The reception request: the procedure's mandatory papers, and the time limit when the catalogue has no unit for it. */
static String receptionBody(String procedure) throws Exception {
    var r = send("GET", "/procedures/" + procedure, null, null, Map.of("Accept-Language", "vi"));
    if (r.statusCode() != 200) throw new IllegalStateException("procedure " + procedure + ": " + r.statusCode());
    var components = new ArrayList<String>();
    var m = Pattern.compile("\\{\"group\":[^{}]*?\"name\":\"((?:[^\"\\\\]|\\\\.)*)\"[^{}]*?\"mandatory\":true").matcher(r.body());
    while (m.find()) components.add("{\"name\":\"" + m.group(1) + "\",\"originals\":1,\"copies\":0,\"digitised\":true}");
    var unknown = r.body().contains("\"unit\":\"UNKNOWN\"");
    System.out.printf("procedure %s: %d mandatory papers%s%n", procedure, components.size(), unknown ? ", time limit set by the clerk" : "");
    return "{\"procedureCode\":\"" + procedure + "\",\"channel\":\"DIRECT\",\"applicant\":{\"name\":\"NAME\",\"phone\":\"PHONE\"},"
            + "\"components\":[" + String.join(",", components) + "]"
            + (unknown ? ",\"timeLimit\":{\"value\":5,\"unit\":\"WORKING_DAYS\"}" : "") + "}";
}

/** The staffed wards of the demo accounts file, with a bearer token for each officer. */
static List<Ward> wards(Path csv, int threads) throws Exception {
    var byUnit = new LinkedHashMap<String, Map<String, Account>>();
    for (var line : Files.readAllLines(csv, StandardCharsets.UTF_8).subList(1, Files.readAllLines(csv).size())) {
        var f = line.split(",", -1);
        if (f.length < 6 || f[4].isEmpty()) continue;
        byUnit.computeIfAbsent(f[4], k -> new LinkedHashMap<>()).put(f[3], new Account(f[0], f[1], f[2], f[3], f[4]));
    }
    var staffed = byUnit.entrySet().stream().filter(e -> e.getValue().keySet().containsAll(List.of("CLERK", "SPECIALIST", "UNIT_LEADER"))).toList();
    var pool = Executors.newFixedThreadPool(Math.max(2, threads));
    var futures = new ArrayList<java.util.concurrent.Future<Ward>>();
    for (var e : staffed) {
        futures.add(pool.submit(() -> new Ward(e.getKey(), token(e.getValue().get("CLERK")), token(e.getValue().get("SPECIALIST")),
                token(e.getValue().get("UNIT_LEADER")))));
    }
    var wards = new ArrayList<Ward>();
    for (var f : futures) wards.add(f.get());
    pool.shutdown();
    return wards;
}

static String token(Account a) throws Exception {
    var r = Http.CONNECTION.get().exchange("POST", "/api/v1/auth/token", Map.of("Content-Type", "application/json"),
            "{\"username\":\"" + a.username() + "\",\"password\":\"" + a.password() + "\",\"totp\":\"" + totp(a.totp(), Instant.now()) + "\"}");
    if (r.statusCode() != 200) throw new IllegalStateException("token for " + a.username() + ": " + r.statusCode() + " " + r.body());
    return match(TOKEN, r.body());
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) from a base32 secret. */
static String totp(String base32, Instant now) throws Exception {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    var bits = new java.io.ByteArrayOutputStream();
    int buffer = 0, count = 0;
    for (char ch : base32.replace("=", "").toUpperCase(Locale.ROOT).toCharArray()) {
        buffer = (buffer << 5) | alphabet.indexOf(ch);
        count += 5;
        if (count >= 8) {
            bits.write((buffer >> (count - 8)) & 0xff);
            count -= 8;
        }
    }
    var mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(bits.toByteArray(), "HmacSHA1"));
    var hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(now.getEpochSecond() / 30).array());
    int offset = hash[hash.length - 1] & 0x0f;
    int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
    return String.format("%06d", binary % 1_000_000);
}

static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
}

/** CPU milliseconds so far: OneDoor's JVM, every PostgreSQL process, this driver, and the machine's busy and total time. */
record Budget(long jvm, long pg, long driver, long busy, long total) {
    static final long TICK_MS = 10; // USER_HZ = 100

    static Budget now(long server) {
        long pg = 0;
        try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (var p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                var stat = ticks(p.resolve("stat"));
                if (stat != null && stat.comm().equals("postgres")) pg += stat.ticks();
            }
        } catch (java.io.IOException e) {
            return null;
        }
        var jvm = server > 0 ? ticks(java.nio.file.Path.of("/proc", Long.toString(server), "stat")) : null;
        long busy = 0, total = 0;
        try {
            var cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long v = Long.parseLong(cpu[i]);
                total += v;
                if (i != 4 && i != 5) busy += v; // not idle, not iowait
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return new Budget(jvm == null ? 0 : jvm.ticks() * TICK_MS, pg * TICK_MS, processCpu() / 1_000_000, busy * TICK_MS, total * TICK_MS);
    }

    private record Ticks(String comm, long ticks) {
    }

    private static Ticks ticks(java.nio.file.Path stat) {
        try {
            var line = java.nio.file.Files.readString(stat);
            var close = line.lastIndexOf(')');
            var comm = line.substring(line.indexOf('(') + 1, close);
            var f = line.substring(close + 2).split(" ");
            return new Ticks(comm, Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime, stime (fields 14, 15)
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
