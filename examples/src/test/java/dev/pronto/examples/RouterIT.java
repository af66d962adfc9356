package dev.pronto.examples;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class RouterIT {
    private static ExampleServer server;

    @BeforeAll
    static void start() {
        server = ExampleServer.start(RouterExample.app());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path) {
        return server.send(server.request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void slashTakesEveryMethod() {
        for (String method : new String[] {"GET", "POST", "DELETE", "PATCH", "OPTIONS"}) {
            HttpResponse<String> r = send(method, "/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("Hello " + method + " /!");
        }
    }

    @Test
    void loveTakesGetAndHeadOnly() {
        assertThat(send("GET", "/love").body()).isEqualTo("Got some love");
        assertThat(send("HEAD", "/love").statusCode()).isEqualTo(200);
        HttpResponse<String> post = send("POST", "/love");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void methodsTakesItsSetOfMethods() {
        assertThat(send("POST", "/methods").body()).isEqualTo("POST");
        assertThat(send("DELETE", "/methods").body()).isEqualTo("DELETE");
        HttpResponse<String> get = send("GET", "/methods");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST, DELETE");
    }

    @Test
    void placeholdersTakeOneWholeNonEmptySegmentEach() {
        assertThat(send("PUT", "/params/1/2").body()).isEqualTo("{p1=1, p2=2}");
        assertThat(send("GET", "/params/caf%C3%A9/a%2Fb").body()).isEqualTo("{p1=café, p2=a/b}");
        assertThat(send("GET", "/params/1").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/params/1/2/3").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/params//2").statusCode()).isEqualTo(404);
    }

    @Test
    void aLiteralSegmentWinsOverAPlaceholder() {
        assertThat(send("GET", "/users/me").body()).isEqualTo("It's you!");
        assertThat(send("GET", "/users/42").body()).isEqualTo("User 42");
    }

    @Test
    void aTailParameterTakesTheRestOfThePath() {
        assertThat(send("GET", "/files/css/site.css").body()).isEqualTo("File css/site.css");
        assertThat(send("GET", "/files/caf%C3%A9/a%2Fb").body()).isEqualTo("File café/a/b");
        assertThat(send("GET", "/files/docs/").body()).isEqualTo("File docs/");
        assertThat(send("GET", "/files/").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownPathsAre404WithoutTrailingSlashLeniency() {
        assertThat(send("GET", "/nope").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/love/").statusCode()).isEqualTo(404);
    }
}
