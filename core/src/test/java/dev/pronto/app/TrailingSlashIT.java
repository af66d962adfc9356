package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.TrailingSlash;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each trailing-slash policy over real sockets: strict 404, 308 to the other form, or the other form's route. */
class TrailingSlashIT {
    private static App app(TrailingSlash policy) {
        App app = new App()
                .get("/a", r -> Response.text("a " + r.path() + " " + r.query().orElse("-")))
                .post("/form", r -> Response.text("posted " + r.text()))
                .get("/dir/", r -> Response.text("dir"))
                .get("/u/{id}", r -> Response.text("user " + r.pathParam("id") + " via " + r.route().orElseThrow()))
                .get("/both", r -> Response.text("without"))
                .get("/both/", r -> Response.text("with"))
                .get("/files/{path...}", r -> Response.text("file " + r.pathParam("path")))
                .get("/", r -> Response.text("root"))
                .after((request, response) -> response.withHeader("X-After", "ran"));
        return policy == null ? app : app.trailingSlash(policy);
    }

    /** Sends each request on one connection to a fresh server of this policy and reads the responses in order. */
    private static List<RawResponse> exchange(TrailingSlash policy, String... requests) throws Exception {
        try (Server server = app(policy).start(Requests.localServer().build());
             RawClient c = RawClient.connect(server.port())) {
            List<RawResponse> responses = new ArrayList<>();
            for (String request : requests) {
                responses.add(request.startsWith("HEAD ") ? c.send(request).readHeadResponse()
                        : c.send(request).readResponse());
            }
            return responses;
        }
    }

    private static RawResponse get(TrailingSlash policy, String target) throws Exception {
        return exchange(policy, Requests.get(target)).get(0);
    }

    @Test
    void strictIsTheDefaultAndTheOtherFormIs404() throws Exception {
        for (TrailingSlash policy : new TrailingSlash[] {null, TrailingSlash.STRICT}) {
            List<RawResponse> rs = exchange(policy, Requests.get("/a/"), Requests.get("/dir"), Requests.get("/u/7/"),
                    Requests.get("/a"), Requests.get("/dir/"));
            assertThat(rs).extracting(RawResponse::status).as("" + policy).containsExactly(404, 404, 404, 200, 200);
        }
    }

    @Test
    void redirectAnswers308ToTheOtherFormWithTheQueryAsSent() throws Exception {
        RawResponse r = get(TrailingSlash.REDIRECT, "/a/?x=1&y=%20z");
        assertThat(r.status()).isEqualTo(308);
        assertThat(r.header("Location")).contains("/a?x=1&y=%20z");
        assertThat(r.header("Content-Length")).contains("0");
        assertThat(r.header("X-After")).contains("ran");
        assertThat(get(TrailingSlash.REDIRECT, "/a/").header("Location")).contains("/a");
        assertThat(get(TrailingSlash.REDIRECT, "/dir").header("Location")).contains("/dir/");
        assertThat(get(TrailingSlash.REDIRECT, "/dir?q").header("Location")).contains("/dir/?q");
        assertThat(get(TrailingSlash.REDIRECT, "/u/%37/").header("Location")).contains("/u/%37");
        assertThat(get(TrailingSlash.REDIRECT, "http://example.com/a/").header("Location")).contains("/a");
        assertThat(get(TrailingSlash.REDIRECT, "/nope/").status()).isEqualTo(404);
    }

    @Test
    void aRedirectedPostIsA308AndTheConnectionGoesOn() throws Exception {
        List<RawResponse> rs = exchange(TrailingSlash.REDIRECT,
                "POST /form/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
                "POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
                "HEAD /a/ HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(rs.get(0).status()).isEqualTo(308);
        assertThat(rs.get(0).header("Location")).contains("/form");
        assertThat(rs.get(1).bodyText()).isEqualTo("posted hello");
        assertThat(rs.get(2).status()).isEqualTo(308);
        assertThat(rs.get(2).header("Location")).contains("/a");
    }

    @Test
    void equivalentRoutesTheOtherFormDirectly() throws Exception {
        List<RawResponse> rs = exchange(TrailingSlash.EQUIVALENT, Requests.get("/a/?q=1"), Requests.get("/dir"),
                Requests.get("/u/7/"),
                "POST /form/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
        assertThat(rs).extracting(RawResponse::bodyText)
                .containsExactly("a /a/ q=1", "dir", "user 7 via /u/{id}", "posted ok");
        assertThat(rs.get(0).header("X-After")).contains("ran");
        assertThat(get(TrailingSlash.EQUIVALENT, "/nope/").status()).isEqualTo(404);
    }

    @Test
    void eachRegisteredFormKeepsItsOwnRouteUnderEveryPolicy() throws Exception {
        for (TrailingSlash policy : TrailingSlash.values()) {
            List<RawResponse> rs = exchange(policy, Requests.get("/both"), Requests.get("/both/"),
                    Requests.get("/files/x/"), Requests.get("/files/x"));
            assertThat(rs).extracting(RawResponse::bodyText).as(policy.name())
                    .containsExactly("without", "with", "file x/", "file x");
        }
    }

    @Test
    void theRootIsNeverAlteredAndOnlyOneSlashIsAddedOrRemoved() throws Exception {
        for (TrailingSlash policy : TrailingSlash.values()) {
            List<RawResponse> rs = exchange(policy, Requests.get("/"), Requests.get("//"), Requests.get("/a//"));
            assertThat(rs).extracting(RawResponse::status).as(policy.name()).containsExactly(200, 404, 404);
        }
        App noRoot = new App().get("/x", r -> Response.text("x")).trailingSlash(TrailingSlash.REDIRECT);
        try (Server server = noRoot.start(Requests.localServer().build());
             RawClient c = RawClient.connect(server.port())) {
            assertThat(c.send(Requests.get("/")).readResponse().status()).isEqualTo(404);
        }
    }
}
