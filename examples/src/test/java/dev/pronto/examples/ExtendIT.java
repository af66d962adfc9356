package dev.pronto.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class ExtendIT {
    @Test
    void theUserExtensionReadsTheHeader() {
        try (ExampleServer server = ExampleServer.start(ExtendExample.app())) {
            assertThat(server.get("/hello").body()).isEqualTo("Hello stranger!");
            assertThat(server.send(server.request("/hello").header("X-User", "ada")).body()).isEqualTo("Hello ada!");
        }
    }

    @Test
    void theBeforeFilterKeepsAnonymousUsersOutOfAdmin() {
        try (ExampleServer server = ExampleServer.start(ExtendExample.app())) {
            HttpResponse<String> anonymous = server.get("/admin");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).isEqualTo("Who are you? Send X-User.\n");
            HttpResponse<String> ada = server.send(server.request("/admin").header("X-User", "ada"));
            assertThat(ada.statusCode()).isEqualTo(200);
            assertThat(ada.body()).isEqualTo("Welcome to the control room, ada");
        }
    }

    @Test
    void theAfterFilterSeesEveryResponse() {
        try (ExampleServer server = ExampleServer.start(ExtendExample.app())) {
            for (String path : new String[] {"/hello", "/admin", "/nowhere"}) {
                assertThat(server.get(path).headers().firstValue("access-control-allow-origin"))
                        .as(path).hasValue("*");
            }
        }
    }

    @Test
    void completionCallbacksRunOnceEachResponseIsSent() throws Exception {
        try (ExampleServer server = ExampleServer.start(ExtendExample.app())) {
            assertThat(server.get("/stats").body()).isEqualTo("Responses delivered with a callback: 0");
            for (int i = 0; i < 3; i++) {
                assertThat(server.get("/callback").statusCode()).isEqualTo(200);
            }
            // The callback runs on the loop just after the write, so the client may see the response first.
            String stats = "";
            for (long deadline = System.nanoTime() + 5_000_000_000L; System.nanoTime() < deadline; Thread.sleep(10)) {
                stats = server.get("/stats").body();
                if (stats.endsWith(": 3")) {
                    break;
                }
            }
            assertThat(stats).isEqualTo("Responses delivered with a callback: 3");
        }
    }
}
