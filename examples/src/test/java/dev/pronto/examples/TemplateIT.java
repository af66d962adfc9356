package dev.pronto.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class TemplateIT {
    @Test
    void rendersTheIndexFromATemplateWithALayout() {
        try (ExampleServer server = ExampleServer.start(TemplateExample.app())) {
            HttpResponse<String> r = server.get("/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(r.body()).contains("<title>Pronto templates</title>", "<h1>Pronto templates</h1>",
                    "<tr><td>Japronto 0.1</td><td>1,214,440</td></tr>",
                    "<tr><td>Tornado 4.4.2</td><td>2,968</td></tr>", "<footer>Served by Pronto</footer>");
        }
    }

    @Test
    void escapesWhatItInserts() {
        try (ExampleServer server = ExampleServer.start(TemplateExample.app())) {
            assertThat(server.get("/hello/Ada").body()).contains("<h1>Hello, Ada!</h1>");
            assertThat(server.get("/hello/%3Cb%3Ebold%3C%2Fb%3E").body())
                    .contains("<h1>Hello, &lt;b&gt;bold&lt;/b&gt;!</h1>").doesNotContain("<b>bold");
        }
    }
}
