package dev.pronto.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class BigBodyIT {
    @Test
    void servesTheAskedNumberOfMebibytesAndASmallRoot() throws Exception {
        try (ExampleServer server = ExampleServer.start(BigBodyExample.app())) {
            assertThat(server.get("/").body()).isEqualTo("Hello world!");
            HttpResponse<byte[]> big = bytes(server, "/big?mib=3");
            assertThat(big.statusCode()).isEqualTo(200);
            assertThat(big.body()).hasSize(3 << 20).containsOnly(0);
            assertThat(bytes(server, "/big").body()).hasSize(1 << 20);
            assertThat(server.get("/big?mib=x").statusCode()).isEqualTo(400);
            assertThat(server.get("/big?mib=2048").statusCode()).isEqualTo(400);
        }
    }

    private static HttpResponse<byte[]> bytes(ExampleServer server, String path) throws InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(server.request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
