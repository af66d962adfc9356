package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Method;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code OPTIONS *} (RFC 9110 §9.3.7): the server's methods in {@code Allow}; {@code *} with another method: 400. */
class OptionsAsteriskIT {
    private static final String OPTIONS_ASTERISK = "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n";

    private static RawResponse send(App app, String request) throws Exception {
        try (Server server = app.start(Requests.localServer().build());
             RawClient c = RawClient.connect(server.port())) {
            RawResponse response = c.send(request).readResponse();
            if (!response.closes()) { // the connection goes on: nothing of the answer was left over
                assertThat(c.send(Requests.get("/nothing-here")).readResponse().status()).isEqualTo(404);
            }
            return response;
        }
    }

    @Test
    void answers200WithTheUnionOfTheRoutesMethodsPlusOptionsAndRunsTheAfterFilters() throws Exception {
        App app = new App()
                .get("/a", r -> Response.text("a"))
                .post("/b/{id}", r -> Response.text("b"))
                .route(Set.of(Method.PATCH, Method.of("PROPFIND")), "/files/{path...}", r -> Response.text("c"))
                .after((request, response) -> response.withHeader("X-After", request.method() + " " + request.target()))
                .exception(Throwable.class, (request, e) -> Response.text(404, "not an error: " + e));
        RawResponse r = send(app, OPTIONS_ASTERISK);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Allow")).contains("GET, HEAD, POST, OPTIONS, PATCH, PROPFIND");
        assertThat(r.header("Content-Length")).contains("0");
        assertThat(r.body()).isEmpty();
        assertThat(r.header("X-After")).contains("OPTIONS *");
    }

    @Test
    void aRouteForEveryMethodListsEveryStandardMethodButConnect() throws Exception {
        RawResponse r = send(new App().route("/any", request -> Response.text("any")), OPTIONS_ASTERISK);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Allow")).contains("GET, HEAD, POST, PUT, DELETE, OPTIONS, TRACE, PATCH");
    }

    @Test
    void anAppWithoutRoutesStillAnswersOptions() throws Exception {
        RawResponse r = send(new App(), OPTIONS_ASTERISK);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Allow")).contains("OPTIONS");
    }

    @Test
    void optionsOnAPathIsAboutThatPathAlone() throws Exception {
        RawResponse r = send(new App().get("/a", request -> Response.text("a")).post("/b", request -> Response.text("b")),
                "OPTIONS /a HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Allow")).contains("GET, HEAD, OPTIONS");
    }

    @Test
    void theAsteriskWithAnyOtherMethodIsABadRequest() throws Exception {
        // RFC 9112 §3.2.4: asterisk-form is only for OPTIONS; the parser refuses it before any route.
        for (String method : new String[] {"GET", "HEAD", "POST", "DELETE", "PROPFIND"}) {
            RawResponse r = send(new App().route("/any", request -> Response.text("any")),
                    method + " * HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            assertThat(r.status()).as(method).isEqualTo(400);
            assertThat(r.closes()).as(method).isTrue();
        }
        assertThat(send(new App(), "OPTIONS *x HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(400);
    }
}
