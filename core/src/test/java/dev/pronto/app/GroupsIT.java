package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.RouteGroup;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Route groups and handler placement over real sockets, in an app whose plain handlers run on virtual threads: auth
 * on a group in one line, a group-wide header on its routes, its 404s and its 405s but not elsewhere, and where each
 * kind of handler runs.
 */
@Timeout(60)
class GroupsIT {
    private static final List<RouteGroup> kept = new ArrayList<>();
    private static Server server;

    private static Response where(String name) {
        return Response.text(name + " virtual=" + Thread.currentThread().isVirtual());
    }

    @BeforeAll
    static void start() {
        App app = new App().handlerPlacement(Handler.Placement.VIRTUAL_THREAD)
                .get("/", r -> where("root"))
                .get("/fast", Handler.inline(r -> where("fast")))
                .get("/async", Handler.async(r -> CompletableFuture.supplyAsync(() -> Response.text("async"))));
        app.group("/api", api -> {
            kept.add(api);
            api.before(request -> request.header("Authorization").isPresent() ? null : Response.text(401, "Log in\n"));
            api.after((request, response) -> response.withHeader("Access-Control-Allow-Origin", "*"));
            api.get("/orders/{id}", r -> where("order " + r.pathParam("id")));
            api.group("/admin", admin -> admin.after((request, response) -> response.withHeader("X-Admin", "yes"))
                    .delete("/orders/{id}", r -> Response.status(204)));
        });
        server = app.start(Requests.localServer().build());
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

    private static RawResponse get(String target, String... fields) throws Exception {
        return send(Requests.get(target, fields));
    }

    @Test
    void aGroupsAuthFilterRefusesItsRoutesOnlyAndItsHeaderLandsOnItsAnswers() throws Exception {
        RawResponse refused = get("/api/orders/7");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Access-Control-Allow-Origin")).contains("*");
        RawResponse order = get("/api/orders/7", "Authorization: Bearer t");
        assertThat(order.bodyText()).isEqualTo("order 7 virtual=true");
        assertThat(order.header("Access-Control-Allow-Origin")).contains("*");
        RawResponse root = get("/");
        assertThat(root.bodyText()).isEqualTo("root virtual=true");
        assertThat(root.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void a404UnderTheGroupAndA405OnItsRouteCarryTheGroupsHeaderAndA404ElsewhereDoesNot() throws Exception {
        RawResponse missing = get("/api/nothing/here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(get("/elsewhere").header("Access-Control-Allow-Origin")).isEmpty();
        RawResponse wrongMethod = send("POST /api/admin/orders/3 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).contains("DELETE, OPTIONS");
        assertThat(wrongMethod.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(wrongMethod.header("X-Admin")).contains("yes");
        RawResponse deleted = send("DELETE /api/admin/orders/3 HTTP/1.1\r\nHost: x\r\nAuthorization: t\r\n\r\n");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.headers("X-Admin")).containsExactly("yes");
    }

    @Test
    void anInlineHandlerStaysOnTheLoopAndAnAsyncOneAnswersAsBefore() throws Exception {
        assertThat(get("/fast").bodyText()).isEqualTo("fast virtual=false");
        assertThat(get("/async").bodyText()).isEqualTo("async");
    }

    @Test
    void aGroupCannotChangeOnceTheAppHasStarted() {
        RouteGroup api = kept.get(0);
        assertThatThrownBy(() -> api.get("/late", r -> Response.text("late"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> api.after((r, response) -> response)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> api.group("/late", g -> { })).isInstanceOf(IllegalStateException.class);
    }
}
