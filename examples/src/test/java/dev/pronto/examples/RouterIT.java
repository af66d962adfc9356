package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.test.ProntoApp;
import dev.pronto.test.ProntoExtension;
import dev.pronto.test.TestClient;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@ExtendWith(ProntoExtension.class)
class RouterIT {
    @ProntoApp
    static App app() {
        return RouterExample.app();
    }

    @Test
    void slashTakesEveryMethod(TestClient client) {
        for (String method : new String[] {"GET", "POST", "DELETE", "PATCH", "OPTIONS"}) {
            TestResponse r = client.request(method, "/").send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("Hello " + method + " /!");
        }
    }

    @Test
    void loveTakesGetAndHeadOnly(TestClient client) {
        assertThat(client.get("/love").send().text()).isEqualTo("Got some love");
        assertThat(client.head("/love").send().status()).isEqualTo(200);
        TestResponse post = client.post("/love").send();
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void methodsTakesItsSetOfMethods(TestClient client) {
        assertThat(client.post("/methods").send().text()).isEqualTo("POST");
        assertThat(client.delete("/methods").send().text()).isEqualTo("DELETE");
        TestResponse get = client.get("/methods").send();
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).hasValue("POST, DELETE, OPTIONS");
    }

    @Test
    void placeholdersTakeOneWholeNonEmptySegmentEach(TestClient client) {
        assertThat(client.put("/params/1/2").send().text()).isEqualTo("{p1=1, p2=2}");
        assertThat(client.get("/params/caf%C3%A9/a%2Fb").send().text()).isEqualTo("{p1=café, p2=a/b}");
        assertThat(client.get("/params/1").send().status()).isEqualTo(404);
        assertThat(client.get("/params/1/2/3").send().status()).isEqualTo(404);
        assertThat(client.get("/params//2").send().status()).isEqualTo(404);
    }

    @Test
    void aLiteralSegmentWinsOverAPlaceholder(TestClient client) {
        assertThat(client.get("/users/me").send().text()).isEqualTo("It's you!");
        assertThat(client.get("/users/42").send().text()).isEqualTo("User 42");
    }

    @Test
    void aTailParameterTakesTheRestOfThePath(TestClient client) {
        assertThat(client.get("/files/css/site.css").send().text()).isEqualTo("File css/site.css");
        assertThat(client.get("/files/caf%C3%A9/a%2Fb").send().text()).isEqualTo("File café/a/b");
        assertThat(client.get("/files/docs/").send().text()).isEqualTo("File docs/");
        assertThat(client.get("/files/").send().status()).isEqualTo(404);
    }

    @Test
    void unknownPathsAre404WithoutTrailingSlashLeniency(TestClient client) {
        assertThat(client.get("/nope").send().status()).isEqualTo(404);
        assertThat(client.get("/love/").send().status()).isEqualTo(404);
    }
}
