package dev.pronto.it;

import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;

/** Files over a socket: the head a file gets, HEAD, validators and 304, ranges, 206 and 416. */
@Timeout(30)
class FileIT {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final Instant MODIFIED = Instant.parse("2026-03-01T12:00:00Z");
    private static final int SIZE = 10_000;
    private static Path dir;
    private static Path data;
    private static byte[] content;

    private Server server;
    private RawClient client;

    @BeforeAll
    static void writeFiles() throws Exception {
        dir = Files.createTempDirectory("pronto-file-it");
        content = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            content[i] = (byte) (i * 31 + (i >>> 8));
        }
        data = Files.write(dir.resolve("data.bin"), content);
        Files.setLastModifiedTime(data, FileTime.from(MODIFIED));
        Files.writeString(dir.resolve("page.html"), "<p>hi</p>");
        Files.write(dir.resolve("empty.txt"), new byte[0]);
        Files.createDirectory(dir.resolve("sub"));
    }

    @AfterAll
    static void deleteFiles() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @BeforeEach
    void start() throws Exception {
        Handler handler = request -> request.path().equals("/")
                ? Response.text("hello")
                : Response.file(dir.resolve(request.path().substring(1)));
        server = Server.start(localServer().build(), handler);
        client = RawClient.connect(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private RawResponse fetch(String... fields) throws Exception {
        return client.send(get("/data.bin", fields)).readResponse();
    }

    private static String etag() {
        return "W/\"" + Long.toHexString(SIZE) + "-" + Long.toHexString(MODIFIED.toEpochMilli()) + "\"";
    }

    @Test
    void sendsAFileWithItsTypeLengthAndValidators() throws Exception {
        RawResponse r = fetch();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
        assertThat(r.header("Content-Type")).hasValue("application/octet-stream");
        assertThat(r.header("Content-Length")).hasValue(Integer.toString(SIZE));
        assertThat(r.header("Accept-Ranges")).hasValue("bytes");
        assertThat(r.header("ETag")).hasValue(etag());
        assertThat(r.header("Last-Modified")).hasValue("Sun, 01 Mar 2026 12:00:00 GMT");

        RawResponse html = client.send(get("/page.html")).readResponse();
        assertThat(html.header("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(html.bodyText()).isEqualTo("<p>hi</p>");
        RawResponse empty = client.send(get("/empty.txt")).readResponse();
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.header("Content-Length")).hasValue("0");
        assertThat(client.send(get("/")).readResponse().bodyText()).as("the connection goes on").isEqualTo("hello");
    }

    @Test
    void answersAMissingFileWith404() throws Exception {
        assertThat(client.send(get("/nothing.txt")).readResponse().status()).isEqualTo(404);
        assertThat(client.send(get("/sub")).readResponse().status()).as("a folder is no file").isEqualTo(404);
    }

    @Test
    void answersAFileThatVanishesBeforeItIsWrittenWith404() throws Exception {
        Path doomed = Files.writeString(dir.resolve("doomed.txt"), "soon gone");
        try (Server async = Server.startAsync(localServer().build(), request -> {
                Response r = Response.file(doomed);
                Files.delete(doomed);
                return CompletableFuture.completedFuture(r);
            });
             RawClient c = RawClient.connect(async.port())) {
            assertThat(c.send(get("/doomed.txt")).readResponse().status()).isEqualTo(404);
        }
    }

    @Test
    void answersHeadWithTheHeadOnly() throws Exception {
        client.send("HEAD /data.bin HTTP/1.1\r\nHost: test\r\n\r\n" + get("/"));
        RawResponse head = client.readHeadResponse();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).hasValue(Integer.toString(SIZE));
        assertThat(head.body()).isEmpty();
        assertThat(client.readResponse().bodyText()).as("the next response follows the head at once")
                .isEqualTo("hello");
    }

    @Test
    void answersPipelinedRequestsAroundAFileInOrder() throws Exception {
        client.send(get("/") + get("/data.bin") + get("/") + get("/data.bin", "Range: bytes=0-9") + get("/"));
        List<RawResponse> rs = client.readResponses(5);
        assertThat(rs).extracting(RawResponse::status).containsExactly(200, 200, 200, 206, 200);
        assertThat(rs.get(1).body()).isEqualTo(content);
        assertThat(rs.get(3).body()).isEqualTo(Arrays.copyOf(content, 10));
        assertThat(rs.get(4).bodyText()).isEqualTo("hello");
    }

    @Test
    void answersAMatchingIfNoneMatchWith304() throws Exception {
        RawResponse r = fetch("If-None-Match: \"other\", " + etag());
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("ETag")).hasValue(etag());
        assertThat(r.header("Content-Length")).isEmpty();
        assertThat(fetch("If-None-Match: *").status()).isEqualTo(304);
        assertThat(fetch("If-None-Match: \"" + etag().substring(3)).status()).as("weak comparison").isEqualTo(304);
        assertThat(client.send(get("/")).readResponse().bodyText()).isEqualTo("hello");
    }

    @Test
    void ifNoneMatchThatDiffersWinsOverIfModifiedSince() throws Exception {
        RawResponse r = fetch("If-None-Match: \"other\"", "If-Modified-Since: " + HTTP_DATE.format(MODIFIED));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
    }

    @Test
    void answersIfModifiedSinceWith304OnlyWhenTheFileIsNotNewer() throws Exception {
        assertThat(fetch("If-Modified-Since: " + HTTP_DATE.format(MODIFIED)).status()).isEqualTo(304);
        assertThat(fetch("If-Modified-Since: " + HTTP_DATE.format(MODIFIED.plusSeconds(60))).status())
                .isEqualTo(304);
        RawResponse older = fetch("If-Modified-Since: " + HTTP_DATE.format(MODIFIED.minusSeconds(1)));
        assertThat(older.status()).isEqualTo(200);
        assertThat(older.body()).isEqualTo(content);
        assertThat(fetch("If-Modified-Since: yesterday").status()).as("an invalid date is ignored").isEqualTo(200);
    }

    @Test
    void readsTheObsoleteDateFormsInIfModifiedSince() throws Exception {
        // RFC 9110 §5.6.7: a recipient accepts rfc850-date and asctime-date too. 2026-03-01 was a Sunday.
        assertThat(fetch("If-Modified-Since: Sunday, 01-Mar-26 12:00:00 GMT").status()).isEqualTo(304);
        assertThat(fetch("If-Modified-Since: Sun Mar  1 12:00:00 2026").status()).isEqualTo(304);
        assertThat(fetch("If-Modified-Since: Sun Mar  1 11:59:59 2026").status()).isEqualTo(200);
        assertThat(fetch("If-Modified-Since: Saturday, 01-Mar-80 12:00:00 GMT").status())
                .as("a two-digit year more than 50 years ahead is of the last century").isEqualTo(200);
    }

    @Test
    void answersEachRangeFormWith206() throws Exception {
        RawResponse closed = fetch("Range: bytes=100-199");
        assertThat(closed.status()).isEqualTo(206);
        assertThat(closed.header("Content-Range")).hasValue("bytes 100-199/" + SIZE);
        assertThat(closed.header("Content-Length")).hasValue("100");
        assertThat(closed.body()).isEqualTo(Arrays.copyOfRange(content, 100, 200));

        RawResponse open = fetch("Range: bytes=9990-");
        assertThat(open.status()).isEqualTo(206);
        assertThat(open.header("Content-Range")).hasValue("bytes 9990-9999/" + SIZE);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(content, 9990, SIZE));

        RawResponse suffix = fetch("Range: bytes=-5");
        assertThat(suffix.status()).isEqualTo(206);
        assertThat(suffix.header("Content-Range")).hasValue("bytes 9995-9999/" + SIZE);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, 9995, SIZE));

        RawResponse past = fetch("Range: bytes=9000-20000");
        assertThat(past.header("Content-Range")).as("a last byte past the end is the end")
                .hasValue("bytes 9000-9999/" + SIZE);
        assertThat(past.body()).isEqualTo(Arrays.copyOfRange(content, 9000, SIZE));
    }

    @Test
    void answersAnUnsatisfiableRangeWith416() throws Exception {
        RawResponse r = fetch("Range: bytes=" + SIZE + "-");
        assertThat(r.status()).isEqualTo(416);
        assertThat(r.header("Content-Range")).hasValue("bytes */" + SIZE);
        assertThat(r.body()).isEmpty();
        assertThat(fetch("Range: bytes=-0").status()).isEqualTo(416);
        assertThat(client.send(get("/")).readResponse().bodyText()).isEqualTo("hello");
    }

    @Test
    void sendsTheWholeFileForSeveralRangesOrAnInvalidOne() throws Exception {
        for (String range : List.of("bytes=0-9,20-29", "bytes=10-5", "items=0-9", "bytes=a-b")) {
            RawResponse r = fetch("Range: " + range);
            assertThat(r.status()).as(range).isEqualTo(200);
            assertThat(r.body()).as(range).isEqualTo(content);
        }
    }

    @Test
    void sendsTheRangeOnlyWhenIfRangeMatches() throws Exception {
        RawResponse same = fetch("Range: bytes=0-9", "If-Range: " + HTTP_DATE.format(MODIFIED));
        assertThat(same.status()).isEqualTo(206);
        assertThat(same.body()).isEqualTo(Arrays.copyOf(content, 10));

        RawResponse changed = fetch("Range: bytes=0-9", "If-Range: " + HTTP_DATE.format(MODIFIED.minusSeconds(5)));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(content);

        // RFC 9110 §13.1.5: If-Range compares entity tags strongly, and a file's tag is weak.
        RawResponse tagged = fetch("Range: bytes=0-9", "If-Range: " + etag());
        assertThat(tagged.status()).isEqualTo(200);
        assertThat(tagged.body()).isEqualTo(content);
    }

    @Test
    void evaluatesConditionsForAFileFromAnAsyncHandler() throws Exception {
        try (Server async = Server.startAsync(localServer().build(),
                request -> CompletableFuture.supplyAsync(() -> Response.file(data)));
             RawClient c = RawClient.connect(async.port())) {
            RawResponse r = c.send(get("/data.bin", "Range: bytes=-3")).readResponse();
            assertThat(r.status()).isEqualTo(206);
            assertThat(r.body()).isEqualTo(Arrays.copyOfRange(content, SIZE - 3, SIZE));
            assertThat(c.send(get("/data.bin", "If-None-Match: " + etag())).readResponse().status()).isEqualTo(304);
        }
    }
}
