package dev.pronto.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pronto.test.ProntoExtension;
import dev.pronto.test.ProntoTest;
import dev.pronto.test.TestClient;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dump example over raw connections, so that every byte of the request is ours. */
@Timeout(30)
class DumpIT {
    // One loop: an asynchronous handler that held it would stall every other request.
    @RegisterExtension
    static final ProntoExtension PRONTO = new ProntoExtension(DumpExample::app,
            ProntoTest.config().toBuilder().eventLoops(1).build());

    private TestClient client;

    @BeforeEach
    void client(TestClient client) {
        this.client = client;
    }

    private record Dump(int status, JsonNode json) {
    }

    private Dump dump(String request) {
        TestResponse r = client.raw(request, 1).response();
        assertThat(r.header("Content-Type")).hasValue("application/json");
        return new Dump(r.status(), r.json(JsonNode.class));
    }

    @Test
    void dumpsAPlainRequest() throws Exception {
        Dump d = dump("GET /dump/one/two HTTP/1.1\r\nHost: example.com\r\nX-Thing: yes\r\n\r\n");
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.json().toString()).isEqualTo("{\"method\":\"GET\",\"path\":\"/dump/one/two\","
                + "\"query_string\":null,\"headers\":{\"Host\":\"example.com\",\"X-Thing\":\"yes\"},"
                + "\"match_dict\":{\"p1\":\"one\",\"p2\":\"two\"},\"body\":null,\"route\":\"/dump/{p1}/{p2}\"}");
    }

    @Test
    void queryStringIsNullWithoutQuestionMarkAndEmptyWithABareOne() throws Exception {
        assertThat(dump("GET /dump1/a/b HTTP/1.1\r\nHost: h\r\n\r\n").json().get("query_string").isNull()).isTrue();
        assertThat(dump("GET /dump1/a/b? HTTP/1.1\r\nHost: h\r\n\r\n").json().get("query_string").asText())
                .isEqualTo("");
        assertThat(dump("GET /dump2/a/b?x=1&y=%20 HTTP/1.1\r\nHost: h\r\n\r\n").json().get("query_string").asText())
                .isEqualTo("x=1&y=%20");
    }

    @Test
    void headerNamesAreTitleCasedAndTheLastValueWins() throws Exception {
        JsonNode headers = dump("GET /dump/a/b HTTP/1.1\r\nhost: h\r\nx-DUP: 1\r\nX-Dup: 2\r\nx-dup: 3\r\n"
                + "x-2nd-try: z\r\n\r\n").json().get("headers");
        assertThat(headers.toString()).isEqualTo("{\"Host\":\"h\",\"X-Dup\":\"3\",\"X-2Nd-Try\":\"z\"}");
    }

    @Test
    void bodyIsBase64AndNullOnlyWhenThereIsNone() throws Exception {
        Dump post = dump("POST /dump/a/b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(post.json().get("body").asText()).isEqualTo("aGVsbG8=");
        assertThat(post.json().get("method").asText()).isEqualTo("POST");
        Dump empty = dump("PUT /dump/a/b HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
        assertThat(empty.json().get("body").asText()).isEqualTo("");
        Dump chunked = dump("PATCH /dump/a/b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\n\u00ff\u0000\u0001\r\n2\r\nhi\r\n0\r\n\r\n");
        assertThat(Base64.getDecoder().decode(chunked.json().get("body").asText()))
                .containsExactly(0xff, 0x00, 0x01, 'h', 'i');
        assertThat(dump("DELETE /dump/a/b HTTP/1.1\r\nHost: h\r\n\r\n").json().get("body").isNull()).isTrue();
    }

    @Test
    void anyMethodIsRouted() throws Exception {
        Dump purge = dump("PURGE /dump2/x/y HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(purge.status()).isEqualTo(200);
        assertThat(purge.json().get("method").asText()).isEqualTo("PURGE");
        assertThat(purge.json().get("route").asText()).isEqualTo("/dump2/{p1}/{p2}");
    }

    @Test
    void unknownRoutesAre500WithNullRoute() throws Exception {
        Dump d = dump("GET /nowhere?q HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(d.status()).isEqualTo(500);
        assertThat(d.json().get("route").isNull()).isTrue();
        assertThat(d.json().get("match_dict").toString()).isEqualTo("{}");
        assertThat(d.json().get("path").asText()).isEqualTo("/nowhere");
        assertThat(d.json().get("query_string").asText()).isEqualTo("q");
        assertThat(d.json().get("exception").toString())
                .isEqualTo("{\"type\":\"HttpException\",\"args\":\"Not Found\"}");
    }

    @Test
    void forceRaiseIs500WithTheExceptionAndTheDump() throws Exception {
        Dump d = dump("POST /dump/a/b HTTP/1.1\r\nHost: h\r\nForce-Raise: boom\r\nContent-Length: 2\r\n\r\nhi");
        assertThat(d.status()).isEqualTo(500);
        assertThat(d.json().get("exception").toString())
                .isEqualTo("{\"type\":\"ForcedException\",\"args\":\"boom\"}");
        assertThat(d.json().get("route").asText()).isEqualTo("/dump/{p1}/{p2}");
        assertThat(d.json().get("match_dict").toString()).isEqualTo("{\"p1\":\"a\",\"p2\":\"b\"}");
        assertThat(d.json().get("body").asText()).isEqualTo("aGk=");
        assertThat(d.json().get("headers").get("Force-Raise").asText()).isEqualTo("boom");
    }

    @Test
    void asyncRoutesSleepThenDump() throws Exception {
        for (String name : new String[] {"dump", "dump1", "dump2"}) {
            long start = System.nanoTime();
            Dump d = dump("GET /async/" + name + "/a/b?sleep=0.2 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
            assertThat(d.status()).isEqualTo(200);
            assertThat(d.json().get("route").asText()).isEqualTo("/async/" + name + "/{p1}/{p2}");
            assertThat(d.json().get("query_string").asText()).isEqualTo("sleep=0.2");
            assertThat(d.json().get("match_dict").toString()).isEqualTo("{\"p1\":\"a\",\"p2\":\"b\"}");
        }
        assertThat(dump("GET /async/dump/a/b HTTP/1.1\r\nHost: h\r\n\r\n").status()).isEqualTo(200);
    }

    @Test
    void asyncForceRaiseIs500() throws Exception {
        Dump d = dump("GET /async/dump/a/b?sleep=0.05 HTTP/1.1\r\nHost: h\r\nForce-Raise: late\r\n\r\n");
        assertThat(d.status()).isEqualTo(500);
        assertThat(d.json().get("exception").toString())
                .isEqualTo("{\"type\":\"ForcedException\",\"args\":\"late\"}");
        assertThat(d.json().get("route").asText()).isEqualTo("/async/dump/{p1}/{p2}");
    }

    @Test
    void aSleepingAsyncRequestDoesNotBlockAConcurrentPlainOne() throws Exception {
        // The slow request is on the wire before the plain one is sent; the plain one's answer comes back while the
        // slow one's handler still waits (its reply has not arrived), and the slow one is answered after.
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), client.port())) {
            slow.setSoTimeout((int) client.timeout().toMillis());
            String request = "GET /async/dump/a/b?sleep=1.5 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
            slow.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(dump("GET /dump/a/b HTTP/1.1\r\nHost: h\r\n\r\n").status()).isEqualTo(200);
            assertThat(slow.getInputStream().available()).isZero();
            String reply = new String(slow.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(reply).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void pipelinedResponsesLeaveInRequestOrder() {
        List<TestResponse> responses = client.raw("GET /async/dump/slow/1?sleep=0.3 HTTP/1.1\r\nHost: h\r\n\r\n"
                + "GET /dump/fast/2 HTTP/1.1\r\nHost: h\r\n\r\n", 2).responses();
        assertThat(responses).hasSize(2);
        assertThat(responses.get(0).json(JsonNode.class).get("match_dict").get("p1").asText()).isEqualTo("slow");
        assertThat(responses.get(1).json(JsonNode.class).get("match_dict").get("p1").asText()).isEqualTo("fast");
    }
}
