package dev.pronto.examples;

import dev.pronto.test.ProntoTest;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class BigBodyIT {
    @Test
    void servesTheAskedNumberOfMebibytesAndASmallRoot() throws Exception {
        ProntoTest.test(BigBodyExample.app(), client -> {
            assertThat(client.get("/").send().text()).isEqualTo("Hello world!");
            TestResponse big = client.get("/big").query("mib", "3").send();
            assertThat(big.status()).isEqualTo(200);
            assertThat(big.bytes()).hasSize(3 << 20).containsOnly(0);
            assertThat(client.get("/big").send().bytes()).hasSize(1 << 20);
            assertThat(client.get("/big?mib=x").send().status()).isEqualTo(400);
            assertThat(client.get("/big?mib=2048").send().status()).isEqualTo(400);
        });
    }
}
