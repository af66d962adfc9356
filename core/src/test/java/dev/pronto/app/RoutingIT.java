package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing over real sockets: static and placeholder routes, 404, 405 with Allow, HEAD, percent-decoding. */
class RoutingIT {
    private static Server server;

    @BeforeAll
    static void start() {
        App app = new App()
                .get("/", r -> Response.text("root"))
                .get("/users/new", r -> Response.text("new user form"))
                .get("/users/{id}", r -> Response.text("user " + r.pathParam("id") + " via " + r.route().orElseThrow()))
                .get("/users/{id}/posts/{post}", r -> Response.text(r.pathParams().toString()))
                .post("/users", r -> Response.text(201, "created"))
                .route(Set.of(Method.PUT, Method.DELETE), "/users/{id}", r -> Response.text(r.method() + " " + r.pathParam("id")))
                .get("/hello world", r -> Response.text("spaced"))
                .route("/any", r -> Response.text("any " + r.method()))
                .get("/files/{name}/raw", r -> Response.text("raw " + r.pathParam("name")))
                .get("/files/{name}/{rest}", r -> Response.text("file " + r.pathParam("name") + " " + r.pathParam("rest")))
                .get("/async/{x}", Handler.async(r -> CompletableFuture.supplyAsync(() -> Response.text("async " + r.pathParam("x")))))
                .get("/blocking/{x}", Handler.blocking(r -> Response.text("blocking " + r.pathParam("x") + " " + Thread.currentThread().isVirtual())));
        server = app.start(Requests.localServer().build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawResponse get(String target, String... fields) throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            return c.send(Requests.get(target, fields)).readResponse();
        }
    }

    @Test
    void staticAndPlaceholderRoutesWithLiteralPrecedence() throws Exception {
        assertThat(get("/").bodyText()).isEqualTo("root");
        assertThat(get("/users/new").bodyText()).isEqualTo("new user form");
        assertThat(get("/users/42").bodyText()).isEqualTo("user 42 via /users/{id}");
        assertThat(get("/users/7/posts/9").bodyText()).isEqualTo("{id=7, post=9}");
        assertThat(get("/files/a/raw").bodyText()).isEqualTo("raw a");
        assertThat(get("/files/a/b").bodyText()).isEqualTo("file a b");
        assertThat(get("/users/42?x=1").bodyText()).isEqualTo("user 42 via /users/{id}");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() throws Exception {
        assertThat(get("/nope").status()).isEqualTo(404);
        assertThat(get("/users/1/x").status()).isEqualTo(404);
        assertThat(get("/users/").status()).isEqualTo(404); // a placeholder never matches an empty segment
        try (RawClient c = RawClient.connect(server.port())) {
            RawResponse r = c.send("PATCH /users/5 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").readResponse();
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).contains("GET, HEAD, PUT, DELETE, OPTIONS");
            RawResponse post = c.send("DELETE /users HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(post.status()).isEqualTo(405);
            assertThat(post.header("Allow")).contains("POST, OPTIONS");
        }
    }

    @Test
    void exactMethodMatchAndAnyMethod() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            assertThat(c.send("PUT /users/5 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").readResponse().bodyText())
                    .isEqualTo("PUT 5");
            assertThat(c.send("GETX /users/5 HTTP/1.1\r\nHost: x\r\n\r\n").readResponse().status()).isEqualTo(405);
            assertThat(c.send("PROPFIND /any HTTP/1.1\r\nHost: x\r\n\r\n").readResponse().bodyText())
                    .isEqualTo("any PROPFIND");
        }
    }

    @Test
    void headIsServedByGetRoutesWithoutBody() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            RawResponse r = c.send("HEAD /users/3 HTTP/1.1\r\nHost: x\r\n\r\n").readHeadResponse();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Length")).contains(String.valueOf("user 3 via /users/{id}".length()));
            assertThat(c.send(Requests.get("/")).readResponse().bodyText()).isEqualTo("root"); // nothing left over
        }
    }

    @Test
    void pathIsPercentDecodedBeforeMatching() throws Exception {
        assertThat(get("/hello%20world").bodyText()).isEqualTo("spaced");
        assertThat(get("/%75sers/%6e%65%77").bodyText()).isEqualTo("new user form"); // lower-case hex
        assertThat(get("/users/%C3%A9t%C3%A9").bodyText()).isEqualTo("user été via /users/{id}");
        assertThat(get("/users/a%2Fb").bodyText()).isEqualTo("user a/b via /users/{id}"); // %2F stays in the segment
        assertThat(get("/users/a%2fb/posts/c").bodyText()).isEqualTo("{id=a/b, post=c}");
        assertThat(get("/users%2Fnew").status()).isEqualTo(404);
        assertThat(get("/users/%ZZ").status()).isEqualTo(400);
        assertThat(get("/users/%4").status()).isEqualTo(400);
        assertThat(get("/users/%").status()).isEqualTo(400);
    }

    @Test
    void asyncAndBlockingRoutesAnswerInPipelineOrder() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send(Requests.get("/blocking/1") + Requests.get("/async/2") + Requests.get("/users/3")
                    + Requests.get("/blocking/4") + Requests.get("/nope"));
            List<RawResponse> rs = c.readResponses(5);
            assertThat(rs).extracting(RawResponse::bodyText).containsExactly(
                    "blocking 1 true", "async 2", "user 3 via /users/{id}", "blocking 4 true", "Not Found\n");
        }
    }

    @Test
    void conflictingRoutesFailAtRegistration() {
        App app = new App().get("/a/{id}", r -> Response.text("x"));
        assertThatThrownBy(() -> app.get("/a/{name}", r -> Response.text("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/a/{id}");
        assertThatThrownBy(() -> app.get("/a/{id}", r -> Response.text("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> app.route("/a/{id}", r -> Response.text("y")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.get("/a/x{id}", r -> Response.text("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> app.get("/static/*", r -> Response.text("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("wildcards are not supported: '/static/*':"
                        + " a tail parameter matches the rest of the path: write '/static/{path...}'");
        assertThatThrownBy(() -> app.get("/a//b", r -> Response.text("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write '/a/b'");
        assertThatThrownBy(() -> app.get("no-slash", r -> Response.text("y")))
                .isInstanceOf(IllegalArgumentException.class);
        app.post("/a/{id}", r -> Response.text("other method, same pattern: fine"));
    }

    @Test
    void refusesToRouteConnect() throws Exception {
        App app = new App();
        assertThatThrownBy(() -> app.route(java.util.Set.of(Method.CONNECT), "/t", r -> Response.text("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("501");
        // A route for every method never sees a CONNECT either: the engine answers it before routing.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        app.route("/t", r -> {
            calls.incrementAndGet();
            return Response.text("x");
        });
        try (Server server = app.start(Requests.localServer().build());
             RawClient c = RawClient.connect(server.port())) {
            c.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
            RawResponse r = c.readResponse();
            assertThat(r.status()).isEqualTo(501);
            assertThat(r.closes()).isTrue();
        }
        assertThat(calls).hasValue(0);
    }
}
