package dev.pronto.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pronto.App;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import dev.pronto.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An example's app serving on a free port of 127.0.0.1, and a JDK HTTP client (HTTP/1.1, no redirects) for it. */
final class ExampleServer implements AutoCloseable {
    /** Two loops, a short grace so that closing is quick. */
    static final ServerConfig LOCAL = ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(2)
            .shutdownGrace(Duration.ofMillis(200)).build();

    private final Server server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ExampleServer(Server server) {
        this.server = server;
    }

    static ExampleServer start(App app) {
        return start(app, LOCAL);
    }

    static ExampleServer start(App app, ServerConfig config) {
        return new ExampleServer(app.start(config));
    }

    int port() {
        return server.port();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpClient client() {
        return client;
    }

    /** Opens a raw connection, for what the JDK client will not send (a {@code Host} of our own, odd targets…). */
    RawClient raw() throws IOException {
        return new RawClient(server.port());
    }

    static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
