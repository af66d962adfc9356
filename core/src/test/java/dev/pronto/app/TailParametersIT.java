package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tail parameters over real sockets: the decoded rest of the path, priority, 404, and the registration errors. */
class TailParametersIT {
    private static Server server;

    @BeforeAll
    static void start() {
        App app = new App()
                .get("/files/{path...}", r -> Response.text("tail " + r.pathParam("path") + " of " + r.path()
                        + " via " + r.route().orElseThrow()))
                .get("/files/{id}", r -> Response.text("one " + r.pathParam("id")))
                .get("/files/readme", r -> Response.text("literal"))
                .get("/u/{user}/blobs/{key...}", Handler.blocking(r -> Response.text(r.pathParams().toString())));
        server = app.start(Requests.localServer().build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawResponse get(String target) throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            return c.send(Requests.get(target)).readResponse();
        }
    }

    @Test
    void theTailIsTheDecodedRestOfThePathAndRequestPathKeepsTheRawForm() throws Exception {
        assertThat(get("/files/a/b/c.txt").bodyText())
                .isEqualTo("tail a/b/c.txt of /files/a/b/c.txt via /files/{path...}");
        assertThat(get("/files/caf%C3%A9/x%20y").bodyText())
                .isEqualTo("tail café/x y of /files/caf%C3%A9/x%20y via /files/{path...}");
        assertThat(get("/files/a%2Fb/c").bodyText()).isEqualTo("tail a/b/c of /files/a%2Fb/c via /files/{path...}");
        assertThat(get("/files/a/b/?q=1").bodyText()).isEqualTo("tail a/b/ of /files/a/b/ via /files/{path...}");
        assertThat(get("/u/7/blobs/x/y").bodyText()).isEqualTo("{user=7, key=x/y}");
    }

    @Test
    void literalThenPlaceholderThenTail() throws Exception {
        assertThat(get("/files/readme").bodyText()).isEqualTo("literal");
        assertThat(get("/files/x").bodyText()).isEqualTo("one x");
        assertThat(get("/files/readme/x").bodyText())
                .isEqualTo("tail readme/x of /files/readme/x via /files/{path...}");
    }

    @Test
    void theTailNeedsAtLeastOneSegment() throws Exception {
        assertThat(get("/files").status()).isEqualTo(404);
        assertThat(get("/files/").status()).isEqualTo(404);
        assertThat(get("/files//x").status()).isEqualTo(404);
        assertThat(get("/files/a/%zz").status()).isEqualTo(400);
    }

    @Test
    void registrationErrorsNameTheFix() {
        App app = new App().get("/files/{p...}", r -> Response.text("x"));
        assertThatThrownBy(() -> app.get("/files/{q...}", r -> Response.text("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/files/{p...}")
                .hasMessageContaining("match the same paths");
        assertThatThrownBy(() -> app.get("/a/{rest...}/b", r -> Response.text("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the last segment")
                .hasMessageContaining("write '/a/{rest...}'");
        assertThatThrownBy(() -> app.get("/static/*", r -> Response.text("y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write '/static/{path...}'");
        app.post("/files/{p...}", r -> Response.text("other method, same pattern: fine"));
    }
}
