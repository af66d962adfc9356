package dev.pronto.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pronto.test.ProntoTest;
import dev.pronto.test.TestClient;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class TodoIT {
    @TempDir
    Path dir;

    /** Sends JSON text as it is: the invalid bodies too. */
    private static TestResponse send(TestClient client, String method, String path, String json) {
        return client.request(method, path).header("Content-Type", "application/json").text(json).send();
    }

    @Test
    void createsReadsUpdatesListsAndDeletes() throws Exception {
        ProntoTest.test(TodoExample.app(dir.resolve("todos.db")), client -> {
            assertThat(client.get("/todos").send().text()).isEqualTo("[]");

            TestResponse created = send(client, "POST", "/todos", "{\"title\":\"Write the tutorial\"}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Content-Type")).hasValue("application/json");
            assertThat(created.header("Location")).hasValue("/todos/1");
            assertThat(created.text()).isEqualTo("{\"id\":1,\"title\":\"Write the tutorial\",\"done\":false}");
            send(client, "POST", "/todos", "{\"title\":\"Run the tests\",\"done\":true}");

            assertThat(client.get("/todos/1").send().text())
                    .isEqualTo("{\"id\":1,\"title\":\"Write the tutorial\",\"done\":false}");
            TestResponse updated = send(client, "PUT", "/todos/1",
                    "{\"title\":\"Write the tutorial\",\"done\":true}");
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.text()).isEqualTo("{\"id\":1,\"title\":\"Write the tutorial\",\"done\":true}");

            JsonNode all = client.get("/todos").send().json(JsonNode.class);
            assertThat(all).hasSize(2);
            assertThat(all.get(1).get("title").asText()).isEqualTo("Run the tests");

            TestResponse deleted = client.delete("/todos/1").send();
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.text()).isEmpty();
            assertThat(client.get("/todos/1").send().status()).isEqualTo(404);
            assertThat(client.get("/todos").send().json(JsonNode.class)).hasSize(1);
        });
    }

    @Test
    void unknownIdsAre404() throws Exception {
        ProntoTest.test(TodoExample.app(dir.resolve("todos.db")), client -> {
            TestResponse missing = client.get("/todos/99").send();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("No todo 99\n");
            assertThat(client.get("/todos/abc").send().status()).isEqualTo(404);
            assertThat(send(client, "PUT", "/todos/99", "{\"title\":\"x\"}").status()).isEqualTo(404);
            assertThat(client.delete("/todos/99").send().status()).isEqualTo(404);
        });
    }

    @Test
    void invalidJsonIs400() throws Exception {
        ProntoTest.test(TodoExample.app(dir.resolve("todos.db")), client -> {
            for (String body : new String[] {"{\"title\":", "not json", "", "{}", "{\"title\":\"  \"}",
                    "{\"title\":\"x\",\"colour\":\"red\"}", "[1,2]"}) {
                TestResponse r = send(client, "POST", "/todos", body);
                assertThat(r.status()).as(body).isEqualTo(400);
                assertThat(r.text()).as(body).startsWith("Invalid JSON body");
            }
            send(client, "POST", "/todos", "{\"title\":\"x\"}");
            assertThat(send(client, "PUT", "/todos/1", "{\"done\":true}").status()).isEqualTo(400);
            assertThat(client.get("/todos").send().text()).isEqualTo("[{\"id\":1,\"title\":\"x\",\"done\":false}]");
        });
    }

    @Test
    void keepsTodosInTheDatabaseFileAcrossRestartsAndConcurrentWrites() throws Exception {
        Path db = dir.resolve("todos.db");
        ProntoTest.test(TodoExample.app(db), client -> {
            List<CompletableFuture<TestResponse>> posts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                posts.add(client.post("/todos").json(Map.of("title", "todo " + i)).sendAsync());
            }
            for (CompletableFuture<TestResponse> post : posts) {
                assertThat(post.get().status()).isEqualTo(201);
            }
        });
        ProntoTest.test(TodoExample.app(db), client ->
                assertThat(client.get("/todos").send().json(JsonNode.class)).hasSize(20));
    }
}
