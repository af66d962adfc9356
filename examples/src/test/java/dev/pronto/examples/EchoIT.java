package dev.pronto.examples;

import dev.pronto.Server;
import dev.pronto.test.ProntoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class EchoIT {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private URI uri(Server server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void echoReturnsContentLengthAndChunkedBodiesByteForByte() throws Exception {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        try (Server server = EchoExample.start(ProntoTest.config())) {
            HttpResponse<byte[]> fixed = client.send(HttpRequest.newBuilder(uri(server, "/any"))
                    .header("Content-Type", "application/x-test")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fixed.statusCode()).isEqualTo(200);
            assertThat(fixed.body()).isEqualTo(body);
            assertThat(fixed.headers().firstValue("content-type")).hasValue("application/x-test");

            // A publisher of unknown length makes the client send Transfer-Encoding: chunked.
            HttpResponse<byte[]> chunked = client.send(HttpRequest.newBuilder(uri(server, "/any"))
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(chunked.statusCode()).isEqualTo(200);
            assertThat(chunked.body()).isEqualTo(body);

            HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri(server, "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.body()).isEqualTo("OK");
        }
    }

    @Test
    void echoRefusesBodiesOverMaxBody() throws Exception {
        try (Server server = EchoExample.start(Options.parse("--host", "127.0.0.1", "--port", "0",
                "--max-body", "1000"))) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(server, "/"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1001])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(413);
        }
    }
}
