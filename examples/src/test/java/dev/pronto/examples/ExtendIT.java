package dev.pronto.examples;

import dev.pronto.ServerConfig;
import dev.pronto.test.ProntoTest;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class ExtendIT {
    @Test
    void theUserExtensionReadsTheHeader() throws Exception {
        ProntoTest.test(ExtendExample.app(), client -> {
            assertThat(client.get("/hello").send().text()).isEqualTo("Hello stranger!");
            assertThat(client.get("/hello").header("X-User", "ada").send().text()).isEqualTo("Hello ada!");
        });
    }

    @Test
    void theBeforeFilterKeepsAnonymousUsersOutOfAdmin() throws Exception {
        ProntoTest.test(ExtendExample.app(), client -> {
            TestResponse anonymous = client.get("/admin").send();
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.text()).isEqualTo("Who are you? Send X-User.\n");
            TestResponse ada = client.get("/admin").header("X-User", "ada").send();
            assertThat(ada.status()).isEqualTo(200);
            assertThat(ada.text()).isEqualTo("Welcome to the control room, ada");
        });
    }

    @Test
    void theAfterFilterSeesEveryResponse() throws Exception {
        ProntoTest.test(ExtendExample.app(), client -> {
            for (String path : new String[] {"/hello", "/admin", "/nowhere"}) {
                assertThat(client.get(path).send().header("Access-Control-Allow-Origin")).as(path).hasValue("*");
            }
        });
    }

    @Test
    void completionCallbacksRunOnceEachResponseIsSent() throws Exception {
        // One event loop: a callback runs on it just after its response is written, before the loop reads the next
        // request of any connection, so /stats, sent once the third response has arrived, counts all three.
        ServerConfig oneLoop = ProntoTest.config().toBuilder().eventLoops(1).build();
        ProntoTest.test(ExtendExample.app(), oneLoop, client -> {
            assertThat(client.get("/stats").send().text()).isEqualTo("Responses delivered with a callback: 0");
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/callback").send().status()).isEqualTo(200);
            }
            String stats = client.get("/stats").send().text();
            assertThat(stats).isEqualTo("Responses delivered with a callback: 3");
        });
    }
}
