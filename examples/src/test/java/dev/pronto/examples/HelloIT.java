package dev.pronto.examples;

import dev.pronto.test.ProntoTest;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class HelloIT {
    @Test
    void answersHelloWorldOnSlash() throws Exception {
        ProntoTest.test(HelloExample.app(), client -> {
            TestResponse r = client.get("/").send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("Hello world!");
            assertThat(r.header("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(r.header("Date")).isPresent();
        });
    }

    @Test
    void answersHeadWithoutBodyAndOtherPathsWith404() throws Exception {
        ProntoTest.test(HelloExample.app(), client -> {
            TestResponse head = client.head("/").send();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.text()).isEmpty();
            assertThat(client.get("/other").send().status()).isEqualTo(404);
            assertThat(client.post("/").send().status()).isEqualTo(405);
        });
    }
}
