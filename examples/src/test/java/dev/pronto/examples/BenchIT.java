package dev.pronto.examples;

import dev.pronto.test.ProntoTest;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class BenchIT {
    @Test
    void servesTheBenchmarkRoutes() throws Exception {
        ProntoTest.test(BenchExample.app(), client -> {
            assertThat(client.get("/").send().text()).isEqualTo("Hello world!");
            TestResponse json = client.get("/json").send();
            assertThat(json.text()).isEqualTo("{\"message\":\"Hello, World!\"}");
            assertThat(json.header("Content-Type")).hasValue("application/json");
            String body = "x".repeat(4096);
            assertThat(client.post("/echo").text(body).send().text()).isEqualTo(body);
            assertThat(client.get("/missing").send().status()).isEqualTo(404);
        });
    }
}
