package dev.pronto.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pronto.App;
import dev.pronto.test.ProntoApp;
import dev.pronto.test.ProntoExtension;
import dev.pronto.test.TestClient;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@ExtendWith(ProntoExtension.class)
class OrdersIT {
    private static final String USER = "Bearer demo";
    private static final String ADMIN = "Bearer admin";

    @ProntoApp
    static App app() {
        return OrdersExample.app();
    }

    private static TestResponse order(TestClient client, String item, int quantity) {
        return client.post("/api/orders").header("Authorization", USER)
                .json(Map.of("item", item, "quantity", quantity)).send();
    }

    @Test
    void theGroupAsksForATokenAndTheHomePageDoesNot(TestClient client) {
        assertThat(client.get("/").send().status()).isEqualTo(200);
        TestResponse refused = client.get("/api/orders").send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.header("WWW-Authenticate")).hasValue("Bearer");
        assertThat(refused.text()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"Send 'Authorization: Bearer <token>'\",\"instance\":\"/api/orders\"}");
        assertThat(client.get("/api/orders").header("Authorization", USER).send().status()).isEqualTo(200);
    }

    @Test
    void ordersAreCreatedReadAndListedWithTypedParameters(TestClient client) {
        TestResponse created = order(client, "tea", 2);
        assertThat(created.status()).isEqualTo(201);
        JsonNode order = created.json(JsonNode.class);
        String id = order.get("id").asText();
        assertThat(created.header("Location")).hasValue("/api/orders/" + id);
        assertThat(order.get("state").asText()).isEqualTo("OPEN");

        TestResponse read = client.get("/api/orders/" + id).header("Authorization", USER).send();
        assertThat(read.json(JsonNode.class)).isEqualTo(order);
        JsonNode open = client.get("/api/orders").query("state", "open").query("size", "1000")
                .header("Authorization", USER).send().json(JsonNode.class);
        assertThat(open.findValuesAsText("id")).contains(id);
        JsonNode shipped = client.get("/api/orders").query("state", "Shipped").header("Authorization", USER).send()
                .json(JsonNode.class);
        assertThat(shipped.findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void aParameterThatDoesNotConvertIsA400ProblemNamingIt(TestClient client) {
        TestResponse page = client.get("/api/orders?page=two").header("Authorization", USER).send();
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Content-Type")).hasValue("application/problem+json");
        assertThat(page.json(JsonNode.class).get("detail").asText())
                .isEqualTo("Query parameter 'page' must be an integer, got \"two\"");
        TestResponse id = client.get("/api/orders/42").header("Authorization", USER).send();
        assertThat(id.status()).isEqualTo(400);
        assertThat(id.json(JsonNode.class).get("detail").asText())
                .isEqualTo("Path parameter 'id' must be a UUID, got \"42\"");
        TestResponse state = client.get("/api/orders?state=lost").header("Authorization", USER).send();
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.json(JsonNode.class).get("detail").asText()).contains("'state'", "\"lost\"");
    }

    @Test
    void theHandlersAndTheFrameworksErrorsAreProblems(TestClient client) {
        TestResponse missing = client.get("/api/orders/123e4567-e89b-12d3-a456-426614174000")
                .header("Authorization", USER).send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json(JsonNode.class).get("orderId").asText())
                .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        TestResponse text = client.post("/api/orders").header("Authorization", USER).text("tea, 2").send();
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.header("Accept")).hasValue("application/json");
        assertThat(text.header("Content-Type")).hasValue("application/problem+json");
        TestResponse none = order(client, "tea", 0);
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json(JsonNode.class).get("quantity").asInt()).isZero();
        TestResponse wrongMethod = client.put("/api/orders").header("Authorization", USER).send();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void onlyTheAdminTokenDeletesAndTheUserFilterRunsFirst(TestClient client) {
        String id = order(client, "coffee", 1).json(JsonNode.class).get("id").asText();
        assertThat(client.delete("/api/admin/orders/" + id).send().status()).isEqualTo(401);
        TestResponse user = client.delete("/api/admin/orders/" + id).header("Authorization", USER).send();
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.json(JsonNode.class).get("instance").asText()).isEqualTo("/api/admin/orders/" + id);
        assertThat(client.delete("/api/admin/orders/" + id).header("Authorization", ADMIN).send().status())
                .isEqualTo(204);
        assertThat(client.get("/api/orders/" + id).header("Authorization", USER).send().status()).isEqualTo(404);
    }
}
