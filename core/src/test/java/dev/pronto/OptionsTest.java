package dev.pronto;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code OPTIONS} on a known path without an OPTIONS route (RFC 9110 §9.3.7): 204 with {@code Allow}, through the
 * route's before and after filters like any handler, so that a CORS filter can answer a preflight there; an OPTIONS
 * route of the app's own wins, an unknown path stays 404.
 */
class OptionsTest {
    private final List<String> trace = new ArrayList<>();

    @Test
    void optionsOnAKnownPathIs204WithAllowThatListsOptions() {
        InMemory server = new InMemory(new App().get("/users/{id}", r -> Response.text("user"))
                .delete("/users/{id}", r -> Response.status(204)));

        InMemory.Reply reply = server.send("OPTIONS", "/users/7");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.headers("Allow")).containsExactly("GET, HEAD, DELETE, OPTIONS");
        assertThat(reply.headers("Content-Length")).isEmpty(); // RFC 9110 §8.6: never on a 204
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void theAutomaticAnswerGoesThroughTheRoutesBeforeAndAfterFilters() {
        App app = new App().before(r -> {
            trace.add("app before " + r.method());
            return null;
        }).after((r, response) -> response.withHeader("X-App", "yes"));
        app.group("/api", api -> api.before(r -> {
            trace.add("api before");
            return null;
        }).after((r, response) -> response.withHeader("X-Api", "yes")).post("/orders", r -> Response.status(201)));
        InMemory server = new InMemory(app);

        InMemory.Reply reply = server.send("OPTIONS", "/api/orders");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.headers("Allow")).containsExactly("POST, OPTIONS");
        assertThat(reply.headers("X-App")).containsExactly("yes");
        assertThat(reply.headers("X-Api")).containsExactly("yes");
        assertThat(trace).containsExactly("app before OPTIONS", "api before");
    }

    @Test
    void aBeforeFilterMayAnswerAnOptionsRequestItself() {
        InMemory server = new InMemory(new App().before(r -> r.method() == Method.OPTIONS
                ? Response.status(204).withHeader("X-Early", "yes") : null).get("/", r -> Response.text("root")));

        InMemory.Reply reply = server.send("OPTIONS", "/");

        assertThat(reply.headers("X-Early")).containsExactly("yes");
        assertThat(reply.headers("Allow")).isEmpty();
    }

    @Test
    void anOptionsRouteAndAnEveryMethodRouteWin() {
        InMemory server = new InMemory(new App()
                .route(Set.of(Method.OPTIONS), "/own", r -> Response.text("own options"))
                .route("/any", r -> Response.text("any " + r.method())));

        assertThat(server.send("OPTIONS", "/own").body()).isEqualTo("own options");
        assertThat(server.send("OPTIONS", "/any").body()).isEqualTo("any OPTIONS");
    }

    @Test
    void optionsOnAnUnknownPathIsStill404AndOtherMethodsStill405WithTheirAllow() {
        InMemory server = new InMemory(new App().get("/only-get", r -> Response.text("got")));

        assertThat(server.send("OPTIONS", "/nowhere").status()).isEqualTo(404);
        InMemory.Reply wrong = server.send("PUT", "/only-get");
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.headers("Allow")).containsExactly("GET, HEAD, OPTIONS");
    }
}
