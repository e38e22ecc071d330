package org.onedoor.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.onedoor.TestClock;
import org.onedoor.identity.credentials.Totp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the running application as a given demo account would: bearer tokens for the API (password and TOTP from
 * the demo accounts file), or a browser-like session with its cookie and CSRF token for pages.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A demo account's credentials from {@code demo-accounts.csv}. */
    public record Credentials(String username, String password, String totpSecret, String role, String unitCode, String tenant) {
    }

    private final int port;
    private final TestClock clock;

    public Api(int port, TestClock clock) {
        this.port = port;
        this.clock = clock;
    }

    public static Map<String, Credentials> demoAccounts() {
        try {
            var rows = Files.readAllLines(Path.of("target/test-data/demo-accounts.csv"));
            var accounts = new HashMap<String, Credentials>();
            for (var row : rows.subList(1, rows.size())) {
                var f = row.split(",", -1);
                accounts.put(f[0], new Credentials(f[0], f[1], f[2], f[3], f[4], f[5]));
            }
            return accounts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TOTP code for the secret at the application's current time, after moving past any step already used. */
    public String nextCode(String secret) {
        clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        return Totp.code(Totp.fromBase32(secret), Totp.step(clock.instant()));
    }

    /** A bearer token for the account, or fails the test. */
    public String token(Credentials account) {
        var body = new HashMap<String, String>();
        body.put("username", account.username());
        body.put("password", account.password());
        if (!account.totpSecret().isEmpty()) body.put("totp", nextCode(account.totpSecret()));
        var response = send("POST", "/api/v1/auth/token", null, JSON.writeValueAsString(body), Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("token").asString();
    }

    public HttpResponse<String> send(String method, String path, @Nullable String token, @Nullable String json,
                                     Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Accept-Language", "en");
        if (json != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        headers.forEach(request::setHeader);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose answer is kept as bytes (a PDF, a workbook). */
    public HttpResponse<byte[]> download(String path, @Nullable String token) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().header("Accept-Language", "en");
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A browser-like session: keeps its cookie and sends the CSRF token of the last page it read. */
    public final class Browser {
        private final Map<String, String> cookies = new HashMap<>();
        private @Nullable String csrf;

        public HttpResponse<String> get(String path) {
            var response = send("GET", path, null, null, cookieHeader());
            remember(response);
            return response;
        }

        public HttpResponse<String> post(String path, Map<String, String> form) {
            var fields = new HashMap<>(form);
            if (csrf != null && !fields.containsKey("_csrf")) fields.put("_csrf", csrf);
            var body = String.join("&", fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).toList());
            var headers = new HashMap<>(cookieHeader());
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Accept-Language", "en");
            headers.forEach(request::header);
            try {
                var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                remember(response);
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Signs in through the pages: password, then for staff the TOTP code. */
        public Browser signIn(Credentials account) {
            get("/login");
            var afterPassword = post("/login", Map.of("username", account.username(), "password", account.password(), "next", "/"));
            assertThat(afterPassword.statusCode()).as(afterPassword.body()).isEqualTo(302);
            if (!account.totpSecret().isEmpty()) {
                assertThat(afterPassword.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
                get("/login/second-factor");
                var afterCode = post("/login/second-factor", Map.of("code", nextCode(account.totpSecret())));
                assertThat(afterCode.statusCode()).as(afterCode.body()).isEqualTo(302);
            }
            get("/");
            return this;
        }

        public @Nullable String cookie(String name) {
            return cookies.get(name);
        }

        public void forget(String name) {
            cookies.remove(name);
        }

        public void setCookie(String name, String value) {
            cookies.put(name, value);
        }

        private Map<String, String> cookieHeader() {
            if (cookies.isEmpty()) return Map.of();
            return Map.of("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }

        private void remember(HttpResponse<String> response) {
            for (var header : response.headers().allValues("Set-Cookie")) {
                var pair = header.split(";", 2)[0];
                var eq = pair.indexOf('=');
                var name = pair.substring(0, eq);
                var value = pair.substring(eq + 1);
                if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) cookies.remove(name);
                else cookies.put(name, value);
            }
            var matcher = CSRF.matcher(response.body());
            if (matcher.find()) csrf = matcher.group(1);
        }
    }

    public Browser browser() {
        return new Browser();
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static List<String> lines(String text) {
        return text.lines().toList();
    }
}
