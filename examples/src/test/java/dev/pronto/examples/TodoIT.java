package dev.pronto.examples;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class TodoIT {
    @TempDir
    Path dir;

    private static HttpResponse<String> send(ExampleServer server, String method, String path, String json) {
        return server.send(server.request(path).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void createsReadsUpdatesListsAndDeletes() {
        try (ExampleServer server = ExampleServer.start(TodoExample.app(dir.resolve("todos.db")))) {
            assertThat(server.get("/todos").body()).isEqualTo("[]");

            HttpResponse<String> created = send(server, "POST", "/todos", "{\"title\":\"Write the tutorial\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(created.headers().firstValue("location")).hasValue("/todos/1");
            assertThat(created.body()).isEqualTo("{\"id\":1,\"title\":\"Write the tutorial\",\"done\":false}");
            send(server, "POST", "/todos", "{\"title\":\"Run the tests\",\"done\":true}");

            assertThat(server.get("/todos/1").body())
                    .isEqualTo("{\"id\":1,\"title\":\"Write the tutorial\",\"done\":false}");
            HttpResponse<String> updated = send(server, "PUT", "/todos/1",
                    "{\"title\":\"Write the tutorial\",\"done\":true}");
            assertThat(updated.statusCode()).isEqualTo(200);
            assertThat(updated.body()).isEqualTo("{\"id\":1,\"title\":\"Write the tutorial\",\"done\":true}");

            JsonNode all = ExampleServer.json(server.get("/todos").body());
            assertThat(all).hasSize(2);
            assertThat(all.get(1).get("title").asText()).isEqualTo("Run the tests");

            HttpResponse<String> deleted = send(server, "DELETE", "/todos/1", null);
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
            assertThat(server.get("/todos/1").statusCode()).isEqualTo(404);
            assertThat(ExampleServer.json(server.get("/todos").body())).hasSize(1);
        }
    }

    @Test
    void unknownIdsAre404() {
        try (ExampleServer server = ExampleServer.start(TodoExample.app(dir.resolve("todos.db")))) {
            HttpResponse<String> missing = server.get("/todos/99");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("No todo 99\n");
            assertThat(server.get("/todos/abc").statusCode()).isEqualTo(404);
            assertThat(send(server, "PUT", "/todos/99", "{\"title\":\"x\"}").statusCode()).isEqualTo(404);
            assertThat(send(server, "DELETE", "/todos/99", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void invalidJsonIs400() {
        try (ExampleServer server = ExampleServer.start(TodoExample.app(dir.resolve("todos.db")))) {
            for (String body : new String[] {"{\"title\":", "not json", "", "{}", "{\"title\":\"  \"}",
                    "{\"title\":\"x\",\"colour\":\"red\"}", "[1,2]"}) {
                HttpResponse<String> r = send(server, "POST", "/todos", body);
                assertThat(r.statusCode()).as(body).isEqualTo(400);
                assertThat(r.body()).as(body).startsWith("Invalid JSON body");
            }
            send(server, "POST", "/todos", "{\"title\":\"x\"}");
            assertThat(send(server, "PUT", "/todos/1", "{\"done\":true}").statusCode()).isEqualTo(400);
            assertThat(server.get("/todos").body()).isEqualTo("[{\"id\":1,\"title\":\"x\",\"done\":false}]");
        }
    }

    @Test
    void keepsTodosInTheDatabaseFileAcrossRestartsAndConcurrentWrites() throws Exception {
        Path db = dir.resolve("todos.db");
        try (ExampleServer server = ExampleServer.start(TodoExample.app(db))) {
            List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                posts.add(server.client().sendAsync(server.request("/todos").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"todo " + i + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> post : posts) {
                assertThat(post.get().statusCode()).isEqualTo(201);
            }
        }
        try (ExampleServer server = ExampleServer.start(TodoExample.app(db))) {
            assertThat(ExampleServer.json(server.get("/todos").body())).hasSize(20);
        }
    }
}
