package dev.pronto;

import dev.pronto.filter.Cors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * CORS against the Fetch standard's rules (fetch.spec.whatwg.org §3.2 "CORS protocol", §4.8 "CORS-preflight
 * fetch", §4.9 "CORS check"), in memory: a table of preflights (origin, method, headers; exact byte match of the
 * origin; credentials never with {@code *}; {@code null}), then simple requests, {@code Vary}, groups and build-time
 * refusals.
 */
class CorsTest {
    private static final String APP = "https://app.example";
    private static final String VARY_PREFLIGHT = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
    private final AtomicInteger ownOptionsCalls = new AtomicInteger();

    private InMemory listed() {
        App app = new App();
        app.install(Cors.builder().allowOrigins(APP, "http://localhost:5173")
                .allowMethods(Method.GET, Method.POST, Method.PUT, Method.DELETE)
                .allowHeaders("Content-Type", "X-Token").exposeHeaders("X-Total")
                .allowCredentials(true).maxAge(Duration.ofMinutes(10)).build());
        app.get("/items", r -> Response.text("items").withHeader("X-Total", "3"));
        app.put("/items/{id}", r -> Response.text("put"));
        app.route(Set.of(Method.GET, Method.OPTIONS), "/own-options", r -> {
            ownOptionsCalls.incrementAndGet();
            return Response.text("own");
        });
        app.get("/boom", r -> {
            throw new IllegalStateException("boom");
        });
        app.get("/own-cors", r -> Response.text("own").withHeader("Access-Control-Allow-Origin", "https://b.example"));
        app.get("/varies", r -> Response.text("v").withHeader("Vary", "Accept-Encoding"));
        app.get("/varies-all", r -> Response.text("v").withHeader("Vary", "*"));
        return new InMemory(app);
    }

    private static InMemory.Reply preflight(InMemory server, String path, String origin, String method,
                                            String requestHeaders) {
        List<String> fields = new ArrayList<>();
        if (origin != null) {
            fields.add("Origin: " + origin);
        }
        fields.add("Access-Control-Request-Method: " + method);
        if (requestHeaders != null) {
            fields.add("Access-Control-Request-Headers: " + requestHeaders);
        }
        return server.send("OPTIONS", path, fields.toArray(new String[0]));
    }

    static Stream<Arguments> preflights() {
        // name, origin, requested method, requested headers, allowed?, Access-Control-Allow-Headers expected
        return Stream.of(
                arguments("listed origin, method and headers", APP, "PUT", "content-type,x-token", true,
                        "content-type, x-token"),
                arguments("second listed origin", "http://localhost:5173", "DELETE", null, true, null),
                arguments("header names match case-insensitively", APP, "PUT", "Content-Type, X-TOKEN", true,
                        "content-type, x-token"),
                arguments("empty list elements are ignored (RFC 9110 §5.6.1)", APP, "PUT", "content-type,,x-token",
                        true, "content-type, x-token"),
                arguments("a safelisted method", APP, "GET", "x-token", true, "x-token"),
                arguments("unlisted origin", "https://evil.example", "PUT", null, false, null),
                arguments("an origin is matched byte for byte: no trailing slash", APP + "/", "PUT", null, false,
                        null),
                arguments("an origin is matched byte for byte: case", "https://APP.example", "PUT", null, false,
                        null),
                arguments("another port is another origin", APP + ":8443", "PUT", null, false, null),
                arguments("another scheme is another origin", "http://app.example", "PUT", null, false, null),
                arguments("the null origin", "null", "PUT", null, false, null),
                arguments("unlisted method", APP, "PATCH", null, false, null),
                arguments("methods are case-sensitive (RFC 9110 §9.1)", APP, "put", null, false, null),
                arguments("unlisted header", APP, "PUT", "content-type, x-other", false, null),
                arguments("Authorization is never implied", APP, "PUT", "authorization", false, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preflights")
    void answersAPreflightPerTheFetchStandard(String name, String origin, String method, String requestHeaders,
                                              boolean allowed, String allowHeaders) {
        InMemory.Reply reply = preflight(listed(), "/items/7", origin, method, requestHeaders);

        assertThat(reply.headers("Vary")).containsExactly(VARY_PREFLIGHT);
        if (allowed) {
            assertThat(reply.status()).isEqualTo(204); // an ok status (Fetch §4.8 step 7)
            assertThat(reply.headers("Access-Control-Allow-Origin")).containsExactly(origin);
            assertThat(reply.headers("Access-Control-Allow-Credentials")).containsExactly("true");
            assertThat(reply.headers("Access-Control-Allow-Methods")).containsExactly("GET, POST, PUT, DELETE");
            assertThat(reply.headers("Access-Control-Allow-Headers"))
                    .isEqualTo(allowHeaders == null ? List.of() : List.of(allowHeaders));
            assertThat(reply.headers("Access-Control-Max-Age")).containsExactly("600");
            assertThat(reply.headers("Access-Control-Expose-Headers")).isEmpty(); // not on a preflight (§3.2.3)
            assertThat(reply.headers("Allow")).isEmpty(); // answered before the route's own OPTIONS
        } else {
            assertThat(reply.status()).isEqualTo(403); // "403 … coupled with omitting the relevant headers" (§3.2.3)
            assertThat(reply.head()).noneMatch(line -> line.startsWith("Access-Control-"));
            assertThat(reply.body()).startsWith("CORS preflight refused: ");
        }
    }

    @Test
    void aPreflightNeverReachesTheRoutesOwnOptionsHandler() {
        InMemory server = listed();

        assertThat(preflight(server, "/own-options", APP, "GET", null).status()).isEqualTo(204);
        assertThat(preflight(server, "/own-options", "https://evil.example", "GET", null).status()).isEqualTo(403);
        assertThat(ownOptionsCalls).hasValue(0);
        assertThat(server.send("OPTIONS", "/own-options", "Origin: " + APP).body()).isEqualTo("own"); // no ACRM
        assertThat(ownOptionsCalls).hasValue(1);
    }

    @Test
    void aPreflightToAnUnknownPathIsA404WithoutCorsHeaders() {
        InMemory.Reply reply = preflight(listed(), "/nowhere", APP, "PUT", null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.head()).noneMatch(line -> line.startsWith("Access-Control-"));
    }

    @Test
    void anOptionsRequestWithoutAccessControlRequestMethodIsNoPreflight() {
        InMemory.Reply reply = listed().send("OPTIONS", "/items", "Origin: " + APP);

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.headers("Allow")).containsExactly("GET, HEAD, OPTIONS");
        assertThat(reply.headers("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(reply.headers("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void aSimpleRequestFromAListedOriginMayReadTheResponseAndTheExposedHeaders() {
        InMemory.Reply reply = listed().get("/items", "Origin: " + APP);

        assertThat(reply.body()).isEqualTo("items");
        assertThat(reply.headers("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(reply.headers("Access-Control-Allow-Credentials")).containsExactly("true");
        assertThat(reply.headers("Access-Control-Expose-Headers")).containsExactly("X-Total");
        assertThat(reply.headers("Access-Control-Allow-Methods")).isEmpty();
        assertThat(reply.headers("Vary")).containsExactly("Origin");
    }

    @Test
    void aSimpleRequestFromAnotherOriginIsServedWithoutCorsHeadersButVaries() {
        InMemory server = listed();
        for (String[] origin : new String[][] {{"Origin: https://evil.example"}, {"Origin: null"}, {}}) {
            InMemory.Reply reply = server.get("/items", origin);
            assertThat(reply.status()).as("%s", (Object) origin).isEqualTo(200); // the browser withholds it, not us
            assertThat(reply.head()).noneMatch(line -> line.startsWith("Access-Control-"));
            assertThat(reply.headers("Vary")).containsExactly("Origin"); // a cache must not serve it to APP
        }
    }

    @Test
    void errorsAnd404sCarryTheCorsHeadersSoThePageCanReadThem() {
        InMemory server = listed();

        for (String path : List.of("/boom", "/nowhere")) {
            InMemory.Reply reply = server.get(path, "Origin: " + APP);
            assertThat(reply.status()).isIn(404, 500);
            assertThat(reply.headers("Access-Control-Allow-Origin")).as(path).containsExactly(APP);
            assertThat(reply.headers("Vary")).containsExactly("Origin");
        }
        InMemory.Reply wrongMethod = server.send("DELETE", "/items", "Origin: " + APP);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers("Access-Control-Allow-Origin")).containsExactly(APP);
    }

    @Test
    void aHandlersOwnCorsAnswerIsLeftAlone() {
        InMemory.Reply reply = listed().get("/own-cors", "Origin: " + APP);

        assertThat(reply.headers("Access-Control-Allow-Origin")).containsExactly("https://b.example");
        assertThat(reply.headers("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void varyJoinsTheHandlersVaryAndIsNotRepeatedUnderVaryStar() {
        InMemory server = listed();

        assertThat(server.get("/varies", "Origin: " + APP).headers("Vary"))
                .containsExactly("Accept-Encoding", "Origin");
        assertThat(server.get("/varies-all", "Origin: " + APP).headers("Vary")).containsExactly("*");
    }

    @Test
    void anyOriginAnswersStarWithoutCredentialsAndVariesOnlyAPreflight() {
        App app = new App().install(Cors.builder().allowOrigins("*").allowMethods(Method.PUT)
                .allowHeaders("*").exposeHeaders("*").build());
        app.put("/items", r -> Response.text("put"));
        InMemory server = new InMemory(app);

        for (String origin : List.of("https://anyone.example", "null")) {
            InMemory.Reply pre = preflight(server, "/items", origin, "PUT", "x-anything, authorization");
            assertThat(pre.status()).isEqualTo(204);
            assertThat(pre.headers("Access-Control-Allow-Origin")).containsExactly("*");
            assertThat(pre.headers("Access-Control-Allow-Credentials")).isEmpty();
            // "*" is no wildcard for Authorization (Fetch §3.2.3): the names asked for are echoed instead.
            assertThat(pre.headers("Access-Control-Allow-Headers")).containsExactly("x-anything, authorization");
            assertThat(pre.headers("Vary"))
                    .containsExactly("Access-Control-Request-Method, Access-Control-Request-Headers");
        }
        InMemory.Reply put = server.send("PUT", "/items", "Origin: https://anyone.example");
        assertThat(put.headers("Access-Control-Allow-Origin")).containsExactly("*");
        assertThat(put.headers("Access-Control-Expose-Headers")).containsExactly("*");
        assertThat(put.headers("Vary")).isEmpty(); // the same answer for every origin
        assertThat(preflight(server, "/items", "https://anyone.example", "DELETE", null).status()).isEqualTo(403);
    }

    @Test
    void onAGroupItAnswersTheGroupsPreflightsOnlyAndRunsBeforeTheGroupsAuth() {
        App app = new App().get("/public", r -> Response.text("public"));
        app.group("/api", api -> api.install(Cors.builder().allowOrigins(APP).allowMethods(Method.DELETE).build())
                .before(r -> r.header("Authorization").isPresent() ? null : Response.text(401, "Log in"))
                .delete("/orders/{id}", r -> Response.status(204)));
        InMemory server = new InMemory(app);

        InMemory.Reply pre = preflight(server, "/api/orders/1", APP, "DELETE", null);
        assertThat(pre.status()).isEqualTo(204); // a preflight carries no credentials (Fetch §3.2.4)
        assertThat(pre.headers("Access-Control-Allow-Origin")).containsExactly(APP);
        InMemory.Reply unauthorized = server.send("DELETE", "/api/orders/1", "Origin: " + APP);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.headers("Access-Control-Allow-Origin")).containsExactly(APP);
        InMemory.Reply outside = preflight(server, "/public", APP, "GET", null);
        assertThat(outside.status()).isEqualTo(204); // the route's own OPTIONS answer: no CORS outside the group
        assertThat(outside.headers("Allow")).containsExactly("GET, HEAD, OPTIONS");
        assertThat(outside.head()).noneMatch(line -> line.startsWith("Access-Control-"));
    }

    @Test
    void aRefusedPreflightIsAProblemDocumentInAProblemDetailsApp() {
        App app = new App().problemDetails(true).install(Cors.builder().allowOrigins(APP).build());
        app.get("/items", r -> Response.text("items"));

        InMemory.Reply reply = preflight(new InMemory(app), "/items", "https://evil.example", "GET", null);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.headers("Content-Type")).containsExactly("application/problem+json");
        assertThat(reply.headers("Vary")).containsExactly(VARY_PREFLIGHT);
        assertThat(reply.body()).contains("CORS preflight refused: the origin is not allowed");
    }

    @Test
    void refusesAPolicyBrowsersWouldRejectOrThatAllowsAnyone() {
        assertThatThrownBy(() -> Cors.builder().allowOrigins("*").allowCredentials(true).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("list the origins");
        assertThatThrownBy(() -> Cors.builder().allowOrigins(APP).allowCredentials(true).exposeHeaders("*").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Cors.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No origin allowed");
        assertThatThrownBy(() -> Cors.builder().allowOrigins("null")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allows anyone");
        assertThatThrownBy(() -> Cors.builder().allowOrigins(APP + "/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing slash");
        assertThatThrownBy(() -> Cors.builder().allowOrigins("app.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cors.builder().allowOrigins("*", APP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cors.builder().allowHeaders("Bad Name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aListedOriginIsStoredAsBrowsersSerializeIt() {
        App app = new App().install(Cors.builder().allowOrigins("HTTPS://App.Example").build());
        app.get("/", r -> Response.text("root"));

        assertThat(new InMemory(app).get("/", "Origin: " + APP).headers("Access-Control-Allow-Origin"))
                .containsExactly(APP);
    }
}
