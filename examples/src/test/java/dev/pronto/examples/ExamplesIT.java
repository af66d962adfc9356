package dev.pronto.examples;

import dev.pronto.Server;
import dev.pronto.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The examples, driven by the JDK's own HTTP client. */
@Timeout(60)
class ExamplesIT {
    private static final ServerConfig LOCAL = ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(2).build();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private URI uri(Server server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void helloAnswersHelloWorld() throws Exception {
        try (Server server = HelloExample.start(LOCAL)) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(server, "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("Hello world!");
            assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
            assertThat(r.headers().firstValue("date")).isPresent();
        }
    }

    @Test
    void echoReturnsContentLengthAndChunkedBodiesByteForByte() throws Exception {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        try (Server server = EchoExample.start(LOCAL)) {
            HttpResponse<byte[]> fixed = client.send(HttpRequest.newBuilder(uri(server, "/any"))
                    .header("Content-Type", "application/x-test")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
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

    @Test
    void optionsBecomeTheConfiguration() {
        ServerConfig c = Options.parse("--host", "::1", "--port", "9000", "--workers", "3", "--idle-timeout", "1.5",
                "--header-timeout", "2", "--grace", "0.25", "--max-body", "4096");
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.eventLoops()).isEqualTo(3);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.headerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.maxBodyBytes()).isEqualTo(4096);
        assertThatThrownBy(() -> Options.parse("--nope", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> Options.parse("--port")).hasMessageContaining("missing value");
    }
}
