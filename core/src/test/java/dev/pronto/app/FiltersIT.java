package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Method;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.filter.Cors;
import dev.pronto.filter.RequestId;
import dev.pronto.filter.SecurityHeaders;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS, request ids and security headers over real sockets, together as a service would install them: a preflight
 * answered before a blocking handler's auth, ids and headers on blocking handlers' answers, 404s and the engine's own
 * 413, and an automatic OPTIONS whose filters run on a virtual thread where the route's handlers do.
 */
@Timeout(60)
class FiltersIT {
    private static final String ORIGIN = "https://app.example";
    private static final List<String> optionsThreads = new CopyOnWriteArrayList<>();
    private static Server server;

    @BeforeAll
    static void start() {
        App app = new App().install(RequestId.defaults()).install(SecurityHeaders.defaults());
        app.get("/", r -> Response.text("root " + RequestId.of(r)));
        app.group("/api", api -> {
            api.install(Cors.builder().allowOrigins(ORIGIN).allowMethods(Method.GET, Method.PUT)
                    .allowHeaders("Content-Type", "Authorization").allowCredentials(true)
                    .maxAge(Duration.ofMinutes(5)).build());
            api.before(r -> {
                if (r.method().equals(Method.OPTIONS)) {
                    optionsThreads.add("virtual=" + Thread.currentThread().isVirtual());
                }
                return r.header("Authorization").isPresent() ? null : Response.text(401, "Log in\n");
            });
            api.put("/orders/{id}", Handler.blocking(r -> Response.text("stored " + RequestId.of(r))));
        });
        server = app.start(Requests.localServer().maxBodyBytes(16).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawResponse send(String request) throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            return c.send(request).readResponse();
        }
    }

    @Test
    void aPreflightIsAnsweredBeforeTheAuthFilterAndTheRealRequestFollows() throws Exception {
        RawResponse preflight = send("OPTIONS /api/orders/7 HTTP/1.1\r\nHost: x\r\nOrigin: " + ORIGIN
                + "\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: authorization,content-type"
                + "\r\nX-Request-Id: pre-1\r\n\r\n");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(preflight.header("Access-Control-Allow-Methods")).hasValue("GET, PUT");
        assertThat(preflight.header("Access-Control-Allow-Headers")).hasValue("authorization, content-type");
        assertThat(preflight.header("Access-Control-Max-Age")).hasValue("300");
        assertThat(preflight.header("X-Request-Id")).hasValue("pre-1");
        assertThat(preflight.header("X-Content-Type-Options")).hasValue("nosniff");

        RawResponse put = send("PUT /api/orders/7 HTTP/1.1\r\nHost: x\r\nOrigin: " + ORIGIN
                + "\r\nAuthorization: Bearer t\r\nX-Request-Id: put-1\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(put.bodyText()).isEqualTo("stored put-1"); // a blocking handler sees the accepted id
        assertThat(put.header("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(put.header("Vary")).hasValue("Origin");
        assertThat(put.header("X-Request-Id")).hasValue("put-1");
        assertThat(put.header("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void theAutomaticOptionsOfABlockingRouteRunsItsFiltersOnAVirtualThread() throws Exception {
        RawResponse options = send("OPTIONS /api/orders/1 HTTP/1.1\r\nHost: x\r\nAuthorization: t\r\n\r\n");

        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Allow")).hasValue("PUT, OPTIONS");
        assertThat(optionsThreads).containsExactly("virtual=true");
    }

    @Test
    void a404AndTheEnginesOwn413CarryAnIdAndTheSecurityHeaders() throws Exception {
        RawResponse missing = send(Requests.get("/nowhere", "X-Request-Id: missing-1"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("X-Request-Id")).hasValue("missing-1");
        assertThat(missing.header("Referrer-Policy")).hasValue("no-referrer");

        RawResponse tooLarge = send("PUT /api/orders/7 HTTP/1.1\r\nHost: x\r\nOrigin: " + ORIGIN
                + "\r\nX-Request-Id: big-1\r\nContent-Length: 100\r\n\r\n");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("X-Request-Id")).hasValue("big-1");
        assertThat(tooLarge.header("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void idsAreGeneratedPerRequestOnOneConnection() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            List<RawResponse> two = c.send(Requests.get("/") + Requests.get("/")).readResponses(2);
            String first = two.get(0).header("X-Request-Id").orElseThrow();
            String second = two.get(1).header("X-Request-Id").orElseThrow();
            assertThat(first).isNotEqualTo(second);
            assertThat(two.get(0).bodyText()).isEqualTo("root " + first);
            assertThat(two.get(1).bodyText()).isEqualTo("root " + second);
        }
    }
}
