// Load for the procedure searches (see README.md beside this file): a mix of citizen searches against the city's
// procedures in force and against the national catalogue, warm-up, then timed runs with 1 and N concurrent clients;
// p50/p95/p99/max latency and throughput per endpoint, and the slowest queries. Every answer must be 200 with a page
// envelope; the first query must find 1.001193 (Thủ tục đăng ký khai sinh) first, or the run stops.
// Usage: java bench/procedure/Bench.java http://localhost:PORT [--tenant=hanoi] [--warmup=N] [--requests=N]
//        [--clients=1,4] [--target-ms=50] [--endpoints=city,catalogue]
// JDK only (java.net.http), no dependencies.

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** One search: a label for the report and its query string. */
record Query(String label, String query) {
}

/** One timed request. */
record Sample(int query, long nanos, int bytes) {
}

/** An endpoint under test with its mix of searches. */
record Endpoint(String name, String path, List<Query> mix) {
}

static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
static final Pattern FIRST_CODE = Pattern.compile("\"items\"\\s*:\\s*\\[\\s*\\{\\s*\"code\"\\s*:\\s*\"([^\"]+)\"");

static String base;

static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
}

static Query q(String text, String... more) {
    var query = new StringBuilder("q=" + enc(text));
    var label = new StringBuilder("q=\"" + text + "\"");
    for (var m : more) {
        query.append('&').append(m);
        label.append(' ').append(m);
    }
    return new Query(label.toString(), query.toString());
}

static Query filters(String... params) {
    return new Query(String.join(" ", params), String.join("&", params));
}

/** Realistic citizen searches: with and without diacritics, a code, short prefixes, nothing found, filters, page 2. */
static List<Query> mix(boolean city) {
    var mix = new ArrayList<>(List.of(
            q("dang ky khai sinh"),                 // must stay first: the run checks that it finds 1.001193
            q("thuong tru"),
            q("Đăng ký kết hôn"),
            q("chứng thực"),
            q("tam tru"),
            q("ho tich"),
            q("dat dai"),
            q("giay phep xay dung"),
            q("Giấy phép xây dựng"),
            q("1.004222"),
            q("d"),
            q("ch"),
            q("khai tu"),
            q("cấp bản sao trích lục"),
            q("xyzzy khong co thu tuc nay"),      // no match
            q("hộ chiếu phổ thông qwerty"),       // no match, with diacritics
            q("dang ky", "page=2"),
            q("chung thuc", "level=COMMUNE"),
            filters("level=COMMUNE"),
            filters("page=2"),
            filters("level=COMMUNE", "page=2")));
    if (city) {
        mix.add(filters("online=PARTIAL"));
        mix.add(q("dang ky", "online=PARTIAL"));
        mix.add(filters("level=COMMUNE", "online=PARTIAL", "page=2"));
    }
    return mix;
}

static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
}

static HttpRequest request(Endpoint e, Query query) {
    return HttpRequest.newBuilder(URI.create(base + e.path() + "?" + query.query())).timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json").header("Accept-Language", "vi").GET().build();
}

/** Sends one search and checks the answer; any failure stops the run. */
static String send(HttpClient http, Endpoint e, Query query) throws Exception {
    var response = http.send(request(e, query), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    var body = response.body();
    if (response.statusCode() != 200 || !body.startsWith("{") || !body.contains("\"items\"") || !TOTAL.matcher(body).find()) {
        throw new IllegalStateException("FAILED: " + e.name() + " " + query.label() + " answered " + response.statusCode() + ": "
                + body.substring(0, Math.min(300, body.length())));
    }
    return body;
}

static long total(String body) {
    var m = TOTAL.matcher(body);
    m.find();
    return Long.parseLong(m.group(1));
}

/** The first query finds Thủ tục đăng ký khai sinh first; the unfiltered search counts the whole catalogue. */
static void verify(Endpoint e, long minimumTotal) throws Exception {
    var http = client();
    var body = send(http, e, e.mix().getFirst());
    var first = FIRST_CODE.matcher(body);
    if (!first.find() || !first.group(1).equals("1.001193")) {
        throw new IllegalStateException("FAILED: " + e.name() + " " + e.mix().getFirst().label() + " does not find 1.001193 first: "
                + body.substring(0, Math.min(300, body.length())));
    }
    var all = total(send(http, e, filters("size=1")));
    if (all < minimumTotal) {
        throw new IllegalStateException("FAILED: " + e.name() + " lists " + all + " procedures, expected at least " + minimumTotal
                + " (demo data not imported?)");
    }
    System.out.printf(Locale.ROOT, "%s: %d procedures searched; %s finds 1.001193 first (%d results)%n", e.name(), all,
            e.mix().getFirst().label(), total(body));
}

/** {@code requests} searches from {@code clients} threads, each with its own connection, taking the mix in turn. */
static List<Sample> run(Endpoint e, int clients, int requests) throws Exception {
    var next = new AtomicInteger();
    var samples = new Sample[requests];
    var failure = new Exception[1];
    var threads = new ArrayList<Thread>();
    for (int c = 0; c < clients; c++) {
        threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
            var http = client();
            try {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    int qi = i % e.mix().size();
                    long start = System.nanoTime();
                    var body = send(http, e, e.mix().get(qi));
                    samples[i] = new Sample(qi, System.nanoTime() - start, body.length());
                }
            } catch (Exception ex) {
                synchronized (failure) {
                    failure[0] = ex;
                }
                next.set(requests);
            }
        }));
    }
    for (var t : threads) t.join();
    if (failure[0] != null) throw failure[0];
    return Arrays.asList(samples);
}

static double ms(long nanos) {
    return nanos / 1e6;
}

static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
}

static long[] sorted(List<Sample> samples) {
    return samples.stream().mapToLong(Sample::nanos).sorted().toArray();
}

void main(String[] args) throws Exception {
    if (args.length < 1) {
        System.err.println("usage: java Bench.java http://localhost:PORT [--tenant=hanoi] [--warmup=N] [--requests=N] [--clients=1,4] [--target-ms=50] [--endpoints=city,catalogue]");
        System.exit(2);
    }
    base = args[0].replaceAll("/+$", "");
    var options = new LinkedHashMap<String, String>(Map.of("tenant", "hanoi", "warmup", "1000", "requests", "5000", "clients", "1,4",
            "target-ms", "50", "endpoints", "city,catalogue"));
    for (var a : Arrays.copyOfRange(args, 1, args.length)) {
        var kv = a.replaceFirst("^--", "").split("=", 2);
        if (kv.length != 2 || !options.containsKey(kv[0])) throw new IllegalArgumentException("unknown option " + a);
        options.put(kv[0], kv[1]);
    }
    int warmup = Integer.parseInt(options.get("warmup"));
    int requests = Integer.parseInt(options.get("requests"));
    var clientCounts = Arrays.stream(options.get("clients").split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    double target = Double.parseDouble(options.get("target-ms"));

    var endpoints = List.of(
            new Endpoint("city (" + options.get("tenant") + ", versions in force)", "/api/v1/tenants/" + options.get("tenant") + "/procedures", mix(true)),
            new Endpoint("national catalogue", "/api/v1/catalogue/procedures", mix(false)));
    verify(endpoints.get(0), 500);
    verify(endpoints.get(1), 2000);
    var chosen = List.of(options.get("endpoints").split(","));

    var results = new ArrayList<String>();
    var verdicts = new ArrayList<String>();
    for (var e : endpoints) {
        if (!chosen.contains(e.name().startsWith("city") ? "city" : "catalogue")) continue;
        System.out.printf(Locale.ROOT, "%n== %s: GET %s, %d searches in the mix, %d warm-up requests (4 clients)%n", e.name(), e.path(),
                e.mix().size(), warmup);
        if (warmup > 0) run(e, 4, warmup);
        List<Sample> single = null;
        for (int clients : clientCounts) {
            long start = System.nanoTime();
            var samples = run(e, clients, requests);
            long wall = System.nanoTime() - start;
            if (single == null) single = samples;
            var s = sorted(samples);
            var line = String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %.1f | %.1f | %.1f | %,.0f |", e.name(), clients, requests,
                    ms(percentile(s, 50)), ms(percentile(s, 95)), ms(percentile(s, 99)), ms(s[s.length - 1]), requests / (wall / 1e9));
            System.out.println(line);
            results.add(line);
            verdicts.add(String.format(Locale.ROOT, "%s, %d client%s: p95 %.1f ms %s %.0f ms", e.name(), clients, clients == 1 ? "" : "s",
                    ms(percentile(s, 95)), ms(percentile(s, 95)) <= target ? "<=" : "ABOVE the target of", target));
        }
        // Per search, from the first (single-client) run: which searches cost most.
        System.out.printf(Locale.ROOT, "   per search (%d client%s): p50 / p95 / max ms, total found, mean answer bytes, slowest first%n",
                clientCounts[0], clientCounts[0] == 1 ? "" : "s");
        var http = client();
        var rows = new ArrayList<Object[]>();
        for (int qi = 0; qi < e.mix().size(); qi++) {
            final int index = qi;
            var mine = single.stream().filter(x -> x.query() == index).toList();
            if (mine.isEmpty()) continue;
            var s = sorted(mine);
            var found = total(send(http, e, e.mix().get(qi)));
            rows.add(new Object[] {e.mix().get(qi).label(), ms(percentile(s, 50)), ms(percentile(s, 95)), ms(s[s.length - 1]), found,
                    mine.stream().mapToInt(Sample::bytes).average().orElse(0)});
        }
        rows.sort(Comparator.comparingDouble((Object[] r) -> (double) r[2]).reversed());
        for (var r : rows) {
            System.out.printf(Locale.ROOT, "   %-52s %6.1f / %6.1f / %6.1f   %5d found  %6.0f B%n", r);
        }
    }
    System.out.println();
    System.out.println("| endpoint | clients | requests | p50 ms | p95 ms | p99 ms | max ms | requests/s |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    results.forEach(System.out::println);
    System.out.println();
    verdicts.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "(java %s, %d cores; load generator and application on the same machine)%n",
            Runtime.version(), Runtime.getRuntime().availableProcessors());
}
