package dev.pronto.it;

import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code Expect: 100-continue} (RFC 9110 §10.1.1): the client waits for 100 before sending its body. */
@Timeout(30)
class ExpectContinueIT {
    private static final Handler ECHO = request -> Response.bytes(request.body());

    @Test
    void sends100ContinueBeforeTheBodyThenTheFinalResponse() throws Exception {
        try (Server server = Server.start(localServer().build(), ECHO);
             RawClient client = RawClient.connect(server.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n");

            RawResponse interim = client.readResponse();
            assertThat(interim.status()).isEqualTo(100);
            assertThat(interim.version()).isEqualTo("HTTP/1.1");
            client.send("hello world");
            RawResponse response = client.readResponse();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("hello world");
            client.send(get("/next"));
            assertThat(client.readResponse().status()).as("the connection goes on").isEqualTo(200);
        }
    }

    @Test
    void sends100ContinueBeforeAChunkedBody() throws Exception {
        try (Server server = Server.start(localServer().build(), ECHO);
             RawClient client = RawClient.connect(server.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n"
                    + "Expect: 100-continue\r\n\r\n");

            assertThat(client.readResponse().status()).isEqualTo(100);
            client.send("5\r\nhello\r\n0\r\n\r\n");
            RawResponse response = client.readResponse();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("hello");
        }
    }

    @Test
    void answers413WithoutContinueWhenTheAnnouncedBodyIsOverTheLimit() throws Exception {
        try (Server server = Server.start(localServer().maxBodyBytes(1024).build(), ECHO);
             RawClient client = RawClient.connect(server.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 100000\r\n"
                    + "Expect: 100-continue\r\n\r\n");

            RawResponse response = client.readResponse();
            RawClient.Closure end = client.readUntilClosed();

            assertThat(response.status()).as("the first response is the rejection, not 100").isEqualTo(413);
            assertThat(response.closes()).isTrue();
            assertThat(end.bytes()).isEmpty();
        }
    }
}
