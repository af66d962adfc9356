package dev.pronto.observe;

import dev.pronto.AccessLog;
import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;

/** Access-log lines, received through JUL (System.Logger's default backend) and parsed back. */
@Timeout(60)
class AccessLogIT {
    private static final String CLF = "(\\S+) - - \\[(\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4})] "
            + "\"([^\"]*)\" (\\d{3}) (\\d+|-)";
    private static final Pattern COMMON = Pattern.compile("^" + CLF + " (\\d+) (\\S+)$");
    private static final Pattern COMBINED = Pattern.compile("^" + CLF
            + " \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\" (\\d+) (\\S+)$");
    private static final Pattern JSON_MEMBER = Pattern.compile("\"(\\w+)\":(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+|true|false|null)");

    private final Logger jul = Logger.getLogger(AccessLog.LOGGER);
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        jul.setLevel(Level.INFO);
        jul.setUseParentHandlers(false);
        jul.addHandler(capture);
    }

    @AfterEach
    void release() {
        jul.removeHandler(capture);
        jul.setUseParentHandlers(true);
    }

    private static App app(AccessLog log) {
        return new App()
                .get("/users/{id}", request -> Response.text("user " + request.pathParam("id")))
                .after((request, response) -> request.path().startsWith("/users")
                        ? response.withHeader("X-Request-Id", "from-filter") : response)
                .observe(log);
    }

    private String next() throws InterruptedException {
        String line = lines.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("an access-log line").isNotNull();
        return line;
    }

    @Test
    void commonLinesParseBack() throws Exception {
        try (Server server = app(AccessLog.common()).start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/users/42?full=1")).readResponse();
            Matcher m = COMMON.matcher(next());
            assertThat(m.matches()).as(m.toString()).isTrue();
            assertThat(m.group(1)).isEqualTo("127.0.0.1");
            assertThat(m.group(3)).isEqualTo("GET /users/42?full=1 HTTP/1.1");
            assertThat(m.group(4)).isEqualTo("200");
            assertThat(m.group(5)).isEqualTo("7"); // "user 42"
            assertThat(Long.parseLong(m.group(6))).isNotNegative();
            assertThat(m.group(7)).isEqualTo("from-filter");

            client.send(get("/other", "X-Request-Id: abc-123")).readResponse();
            m = COMMON.matcher(next());
            assertThat(m.matches()).isTrue();
            assertThat(m.group(4)).isEqualTo("404");
            assertThat(m.group(7)).as("the request's id when no filter set one").isEqualTo("abc-123");
        }
    }

    @Test
    void combinedLinesCarryRefererAndUserAgentEscaped() throws Exception {
        try (Server server = app(AccessLog.combined()).start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/users/1", "Referer: http://example.com/", "User-Agent: say \"hi\"")).readResponse();
            Matcher m = COMBINED.matcher(next());
            assertThat(m.matches()).as(m.toString()).isTrue();
            assertThat(m.group(6)).isEqualTo("http://example.com/");
            assertThat(m.group(7)).isEqualTo("say \\\"hi\\\"");
            assertThat(m.group(9)).isEqualTo("from-filter");
        }
    }

    @Test
    void jsonLinesAndTheEnginesRefusalsAreLoggedToo() throws Exception {
        try (Server server = app(AccessLog.json()).start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/users/9", "User-Agent: a\tb")).readResponse();
            String line = next();
            assertThat(line).startsWith("{").endsWith("}");
            java.util.Map<String, String> members = members(line);
            assertThat(members).containsEntry("method", "\"GET\"").containsEntry("route", "\"/users/{id}\"")
                    .containsEntry("status", "200").containsEntry("bytes", "6")
                    .containsEntry("request_id", "\"from-filter\"").containsEntry("user_agent", "\"a\\tb\"")
                    .containsEntry("rejected", "false").containsKeys("time", "duration_us", "remote");

            client.send("GET / HTTP/1.1\r\nHost : x\r\n\r\n").readResponse();
            members = members(next());
            assertThat(members).containsEntry("status", "400").containsEntry("method", "null")
                    .containsEntry("rejected", "true");
        }
    }

    @Test
    void aRefusedHeadIsACommonLineWithADash() throws Exception {
        try (Server server = app(AccessLog.common()).start(localServer().build());
             RawClient client = RawClient.connect(server.port())) {
            client.send("GET / HTTP/1.1\r\nHost : x\r\n\r\n").readResponse();
            Matcher m = COMMON.matcher(next());
            assertThat(m.matches()).isTrue();
            assertThat(m.group(3)).isEqualTo("-");
            assertThat(m.group(4)).isEqualTo("400");
        }
    }

    /** @return the members of a flat JSON object, values as written; fails on anything else */
    private static java.util.Map<String, String> members(String line) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        Matcher m = JSON_MEMBER.matcher(line);
        int at = 1;
        while (m.find()) {
            assertThat(m.start()).as("members follow one another in " + line).isEqualTo(at);
            out.put(m.group(1), m.group(2));
            at = m.end() + 1;
        }
        assertThat(at).as("the whole object was read: " + line).isEqualTo(line.length());
        return out;
    }
}
