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
class TemplateIT {
    @ProntoApp
    static App app() {
        return TemplateExample.app();
    }

    @Test
    void rendersTheIndexFromATemplateWithALayout(TestClient client) {
        TestResponse r = client.get("/").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.text()).contains("<title>Pronto templates</title>", "<h1>Pronto templates</h1>",
                "<tr><td>Japronto 0.1</td><td>1,214,440</td></tr>",
                "<tr><td>Tornado 4.4.2</td><td>2,968</td></tr>", "<footer>Served by Pronto</footer>");
    }

    @Test
    void escapesWhatItInserts(TestClient client) {
        assertThat(client.get("/hello/Ada").send().text()).contains("<h1>Hello, Ada!</h1>");
        assertThat(client.get("/hello/%3Cb%3Ebold%3C%2Fb%3E").send().text())
                .contains("<h1>Hello, &lt;b&gt;bold&lt;/b&gt;!</h1>").doesNotContain("<b>bold");
    }
}
