package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.FilePart;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scenarios a new user tried first, end to end over sockets: a large multipart upload arrives intact, and a
 * graceful shutdown lets a slow request in flight finish.
 */
@Timeout(120)
class NewcomerScenariosIT {
    private static final int UPLOAD_BYTES = 50 * 1024 * 1024;
    private static final String BOUNDARY = "----pronto-upload-boundary";

    @Test
    void receivesFiftyMebibyteMultipartUploadIntact() throws Exception {
        byte[] file = new byte[UPLOAD_BYTES];
        new Random(42).nextBytes(file);
        App app = new App().post("/upload", Handler.blocking(r -> {
            List<FilePart> files = r.files();
            FilePart part = files.getFirst();
            return Response.text(files.size() + " " + part.field() + " " + part.filename() + " "
                    + part.bytes().length + " " + sha256(part.bytes()));
        }));
        try (Server server = app.start(Requests.localServer().maxBodyBytes(64 * 1024 * 1024).build());
             RawClient client = RawClient.connect(server.port()).timeout(java.time.Duration.ofSeconds(60))) {
            byte[] body = multipart("report", "data.bin", file);
            client.send("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Type: multipart/form-data; boundary="
                    + BOUNDARY + "\r\nContent-Length: " + body.length + "\r\n\r\n").send(body);
            RawResponse response = client.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("1 report data.bin " + UPLOAD_BYTES + " " + sha256(file));
        }
    }

    @Test
    void gracefulShutdownLetsASlowRequestFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        App app = new App().get("/slow", Handler.blocking(r -> {
            entered.countDown();
            release.await();
            return Response.text("finished");
        }));
        Server server = app.start(Requests.localServer().shutdownGrace(java.time.Duration.ofSeconds(30)).build());
        int port = server.port();
        try (RawClient idle = RawClient.connect(port);
             RawClient client = RawClient.connect(port).timeout(java.time.Duration.ofSeconds(20))) {
            idle.send(Requests.get("/idle"));
            assertThat(idle.readResponse().status()).isEqualTo(404);
            client.send(Requests.get("/slow"));
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the slow handler started").isTrue();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            // The drain closes the listener first, then idle connections: once the idle one has closed, a new
            // connection must be refused, while the slow request is still running.
            assertThat(idle.timeout(java.time.Duration.ofSeconds(10)).readUntilClosed().bytes()).isEmpty();
            assertThatThrownBy(() -> RawClient.connect(port).close()).isInstanceOf(ConnectException.class);
            assertThat(closing).as("close() waits for the request in flight").isNotDone();
            release.countDown();
            RawResponse response = client.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("finished");
            closing.get(10, TimeUnit.SECONDS);
        }
    }

    private static byte[] multipart(String field, String filename, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
