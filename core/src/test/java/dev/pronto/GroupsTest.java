package dev.pronto;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Route groups in memory: a group's filters run for its routes only, after the app's and the enclosing groups', in
 * registration order; an early answer; 404 and 405 inside a group; prefixes with placeholders; registration errors
 * with the whole pattern.
 */
class GroupsTest {
    private final List<String> trace = new ArrayList<>();

    private Filter.Before before(String name) {
        return request -> {
            trace.add(name);
            return null;
        };
    }

    /** An after filter that names itself in the trace and in an {@code X-Trace} field of the response. */
    private Filter.After after(String name) {
        return (request, response) -> {
            trace.add(name);
            return response.withHeader("X-Trace", name);
        };
    }

    private Handler handler(String name) {
        return request -> {
            trace.add(name);
            return Response.text(name);
        };
    }

    @Test
    void aGroupsFiltersRunForItsRoutesOnlyNotForTheAppsNorASiblingsRoutes() {
        App app = new App().before(before("app")).get("/health", handler("health"))
                .group("/api", api -> api.before(before("api")).get("/orders", handler("orders")))
                .group("/admin", admin -> admin.before(before("admin")).get("/users", handler("users")));
        InMemory server = new InMemory(app);

        assertThat(server.get("/health").body()).isEqualTo("health");
        assertThat(trace).containsExactly("app", "health");
        trace.clear();
        assertThat(server.get("/api/orders").body()).isEqualTo("orders");
        assertThat(trace).containsExactly("app", "api", "orders");
        trace.clear();
        assertThat(server.get("/admin/users").body()).isEqualTo("users");
        assertThat(trace).containsExactly("app", "admin", "users");
    }

    @Test
    void filtersRunTheAppsThenTheOuterGroupsThenTheInnerGroupsEachInRegistrationOrder() {
        App app = new App().before(before("app before")).after(after("app after"));
        app.group("/api", api -> {
            api.get("/x", handler("api handler")); // filters added after a route still apply to it
            api.before(before("api before 1")).before(before("api before 2"));
            api.after(after("api after 1")).after(after("api after 2"));
            api.group("/v1", v1 -> v1.before(before("v1 before")).after(after("v1 after"))
                    .get("/y", handler("v1 handler")));
        });
        InMemory server = new InMemory(app);

        InMemory.Reply inner = server.get("/api/v1/y");
        assertThat(trace).containsExactly("app before", "api before 1", "api before 2", "v1 before", "v1 handler",
                "app after", "api after 1", "api after 2", "v1 after");
        assertThat(inner.headers("X-Trace")).containsExactly("app after", "api after 1", "api after 2", "v1 after");
        trace.clear();
        server.get("/api/x");
        assertThat(trace).containsExactly("app before", "api before 1", "api before 2", "api handler",
                "app after", "api after 1", "api after 2");
    }

    @Test
    void authOnAGroupIsOneBeforeFilterWhoseEarlyAnswerSkipsTheHandlerButNotTheAfterFilters() {
        App app = new App().get("/public", handler("public"));
        app.group("/api", api -> {
            api.before(request -> request.header("Authorization").isPresent() ? null : Response.text(401, "Log in"));
            api.after(after("api after"));
            api.get("/orders", handler("orders"));
        });
        InMemory server = new InMemory(app);

        InMemory.Reply refused = server.get("/api/orders");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("Log in");
        assertThat(refused.headers("X-Trace")).containsExactly("api after");
        assertThat(trace).containsExactly("api after");
        assertThat(server.get("/api/orders", "Authorization: Bearer t").body()).isEqualTo("orders");
        assertThat(server.get("/public").status()).isEqualTo(200);
    }

    @Test
    void a404UnderAGroupsPrefixGoesThroughTheAfterFiltersOfTheDeepestGroupThatHoldsIt() {
        App app = new App().after(after("app")).get("/apis", handler("apis"));
        app.group("/api", api -> api.after(after("api")).get("/orders", handler("orders"))
                .group("/v1", v1 -> v1.after(after("v1")).get("/items", handler("items"))));
        InMemory server = new InMemory(app);

        assertThat(server.get("/nope").headers("X-Trace")).containsExactly("app");
        assertThat(server.get("/apix").headers("X-Trace")).containsExactly("app");
        assertThat(server.get("/api").headers("X-Trace")).containsExactly("app", "api");
        assertThat(server.get("/api/").headers("X-Trace")).containsExactly("app", "api");
        InMemory.Reply missing = server.get("/api/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers("X-Trace")).containsExactly("app", "api");
        assertThat(server.get("/api/v1/nope/deeper").headers("X-Trace")).containsExactly("app", "api", "v1");
        assertThat(server.get("/api/v%31/nope").headers("X-Trace")).as("percent-decoded")
                .containsExactly("app", "api", "v1");
        assertThat(server.get("/api%2Fv1/nope").headers("X-Trace")).as("an encoded slash stays in its segment")
                .containsExactly("app");
    }

    @Test
    void a405OnAGroupsRouteGoesThroughThatGroupsAfterFilters() {
        App app = new App().after(after("app"));
        app.group("/api", api -> api.after(after("api")).get("/orders/{id}", handler("order")));
        InMemory.Reply refused = new InMemory(app).send("DELETE", "/api/orders/7");

        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.headers("Allow")).containsExactly("GET, HEAD, OPTIONS");
        assertThat(refused.headers("X-Trace")).containsExactly("app", "api");
    }

    @Test
    void onePathWithMethodsFromTwoScopesRunsEachMethodsOwnFiltersAndA405TheOnesTheyShare() {
        App app = new App().after(after("app")).get("/api/x", handler("app get"));
        app.group("/api", api -> api.after(after("api")).post("/x", handler("api post")));
        InMemory server = new InMemory(app);

        assertThat(server.get("/api/x").headers("X-Trace")).containsExactly("app");
        assertThat(server.send("POST", "/api/x", "Content-Length: 0").headers("X-Trace")).containsExactly("app", "api");
        assertThat(server.send("PUT", "/api/x", "Content-Length: 0").headers("X-Trace")).containsExactly("app");
    }

    @Test
    void aPrefixMayHoldPlaceholdersWhichTheRequestReadsLikeAnyOther() {
        App app = new App();
        app.group("/users/{userId}", user -> user.after(after("user"))
                .get("/posts/{postId}", r -> Response.text(r.route().orElseThrow() + " " + r.pathParams())));
        InMemory server = new InMemory(app);

        assertThat(server.get("/users/5/posts/9").body()).isEqualTo("/users/{userId}/posts/{postId} {userId=5, postId=9}");
        assertThat(server.get("/users/5/nothing").headers("X-Trace")).containsExactly("user");
        assertThat(server.get("/users").headers("X-Trace")).isEmpty();
    }

    @Test
    void anEmptyPatternIsTheGroupsOwnPathAndASlashAddsATrailingSlash() {
        App app = new App();
        app.group("/api", api -> api.get("", handler("own path")).get("/", handler("slash")));
        InMemory server = new InMemory(app);

        assertThat(server.get("/api").body()).isEqualTo("own path");
        assertThat(server.get("/api/").body()).isEqualTo("slash");
        assertThatThrownBy(() -> new App().get("", handler("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
    }

    @Test
    void aGroupWithoutAPrefixScopesFiltersOnlyAndLeavesTheAppsFiltersOnA404() {
        App app = new App().get("/open", handler("open"));
        app.group("", secured -> secured.before(before("auth")).after(after("secured")).get("/account", handler("account")));
        InMemory server = new InMemory(app);

        server.get("/open");
        assertThat(trace).containsExactly("open");
        trace.clear();
        server.get("/account");
        assertThat(trace).containsExactly("auth", "account", "secured");
        assertThat(server.get("/nope").headers("X-Trace")).isEmpty();
    }

    @Test
    void routesOfDifferentGroupsThatMatchTheSamePathsConflictAtRegistrationWithTheWholePatterns() {
        App app = new App().get("/api/orders/{id}", handler("app"));
        assertThatThrownBy(() -> app.group("/api", api -> api.get("/orders/{orderId}", handler("api"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/api/orders/{id}").hasMessageContaining("/api/orders/{orderId}");
        app.group("/v2", a -> a.get("/x", handler("a")));
        assertThatThrownBy(() -> app.group("/v2", b -> b.get("/x", handler("b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Route /v2/x is registered twice for GET");
    }

    @Test
    void badPatternsAndPrefixesFailAtTheCallWithTheWholePattern() {
        App app = new App();
        app.group("/api", api -> {
            assertThatThrownBy(() -> api.get("/a//b", handler("x"))).hasMessageContaining("/api/a//b");
            assertThatThrownBy(() -> api.get("orders", handler("x"))).hasMessageContaining("'orders'")
                    .hasMessageContaining("'/api'");
            assertThatThrownBy(() -> api.route(Set.of(Method.CONNECT), "/t", handler("x")))
                    .hasMessageContaining("/api/t");
            assertThatThrownBy(() -> api.route(Set.of(), "/t", handler("x"))).hasMessageContaining("/api/t");
            assertThatThrownBy(() -> api.group("/v1/", v1 -> { })).hasMessageContaining("'/api/v1/'");
        });
        assertThatThrownBy(() -> app.group("api", api -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.group("/", api -> { })).hasMessageContaining("\"\"");
        assertThatThrownBy(() -> app.group("/users/{id}", u -> u.group("/friends/{id}", f -> { })))
                .hasMessageContaining("{id}").hasMessageContaining("/users/{id}/friends/{id}");
        assertThatThrownBy(() -> app.group("/files/*", f -> { })).hasMessageContaining("/files/*");
        assertThatThrownBy(() -> app.group("/files", f -> f.group("/{rest...}", r -> { })))
                .hasMessageContaining("'/files/{rest...}' ends in a tail parameter");
    }
}
