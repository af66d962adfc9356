package dev.pronto;

import dev.pronto.filter.RequestId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Request ids in memory: a valid incoming id kept, an invalid one replaced, one generated otherwise, unique, the same
 * for the handler and the response, on errors, 404s and 405s too, in a header of one's choice.
 */
class RequestIdTest {
    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private static InMemory server(RequestId ids) {
        App app = new App().install(ids);
        app.get("/seen", r -> Response.text(RequestId.of(r)));
        app.get("/boom", r -> {
            throw new IllegalStateException("boom");
        });
        app.get("/own", r -> Response.text("own").withHeader("X-Request-Id", "set-by-handler"));
        app.exception(IllegalStateException.class, (r, e) -> Response.text(500, "failed " + RequestId.of(r)));
        return new InMemory(app);
    }

    @Test
    void aValidIncomingIdIsKeptSeenByTheHandlerAndSentBack() {
        String id = "abc-123_X.y:z";
        InMemory.Reply reply = server(RequestId.defaults()).get("/seen", "X-Request-Id: " + id);

        assertThat(reply.body()).isEqualTo(id);
        assertThat(reply.headers("X-Request-Id")).containsExactly(id);
    }

    @Test
    void theLongestValidIdIsKept() {
        String id = "a".repeat(RequestId.MAX_LENGTH);
        assertThat(server(RequestId.defaults()).get("/seen", "X-Request-Id: " + id).body()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "quote\"", "slash/", "ütf8", "tab\there", "percent%41"})
    void anInvalidIncomingIdIsReplaced(String bad) {
        InMemory.Reply reply = server(RequestId.defaults()).get("/seen", "X-Request-Id: " + bad);

        assertThat(reply.body()).matches(UUID_V4);
        assertThat(reply.headers("X-Request-Id")).containsExactly(reply.body());
    }

    @Test
    void aTooLongARepeatedOrAnEmptyIdIsReplaced() {
        InMemory server = server(RequestId.defaults());

        assertThat(server.get("/seen", "X-Request-Id: " + "a".repeat(RequestId.MAX_LENGTH + 1)).body())
                .matches(UUID_V4);
        assertThat(server.get("/seen", "X-Request-Id: one", "X-Request-Id: two").body()).matches(UUID_V4);
        assertThat(server.get("/seen", "X-Request-Id:").body()).matches(UUID_V4);
    }

    @Test
    void generatedIdsAreRandomUuidsUniqueAcrossRequests() {
        InMemory server = server(RequestId.defaults());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            InMemory.Reply reply = server.get("/seen");
            assertThat(reply.body()).matches(UUID_V4).isEqualTo(reply.headers("X-Request-Id").get(0));
            ids.add(reply.body());
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void errorResponses404sAnd405sCarryTheIdToo() {
        InMemory server = server(RequestId.defaults());

        InMemory.Reply failed = server.get("/boom", "X-Request-Id: req-1");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo("failed req-1"); // the error handler sees the same id
        assertThat(failed.headers("X-Request-Id")).containsExactly("req-1");
        assertThat(server.get("/nowhere", "X-Request-Id: req-2").headers("X-Request-Id")).containsExactly("req-2");
        InMemory.Reply generated = server.get("/nowhere");
        assertThat(generated.status()).isEqualTo(404);
        assertThat(generated.headers("X-Request-Id")).singleElement().asString().matches(UUID_V4);
        InMemory.Reply wrongMethod = server.send("DELETE", "/seen", "X-Request-Id: req-3");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers("X-Request-Id")).containsExactly("req-3");
    }

    @Test
    void aHandlersOwnHeaderIsKept() {
        assertThat(server(RequestId.defaults()).get("/own", "X-Request-Id: req-1").headers("X-Request-Id"))
                .containsExactly("set-by-handler");
    }

    @Test
    void anotherHeaderAndNoTrustInIncomingIds() {
        InMemory trusting = server(RequestId.header("X-Correlation-Id", true));
        InMemory.Reply kept = trusting.get("/seen", "X-Correlation-Id: corr-1", "X-Request-Id: other");
        assertThat(kept.body()).isEqualTo("corr-1");
        assertThat(kept.headers("X-Correlation-Id")).containsExactly("corr-1");
        assertThat(kept.headers("X-Request-Id")).isEmpty();

        InMemory.Reply replaced = server(RequestId.header("X-Correlation-Id", false))
                .get("/seen", "X-Correlation-Id: corr-1");
        assertThat(replaced.body()).matches(UUID_V4);
        assertThat(replaced.headers("X-Correlation-Id")).containsExactly(replaced.body());
        assertThatThrownBy(() -> RequestId.header("Bad Name", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutThePluginOfStillGivesOneIdPerRequest() {
        App app = new App().get("/twice", r -> Response.text(RequestId.of(r) + " " + RequestId.of(r)));
        List<String> two = List.of(new InMemory(app).get("/twice").body().split(" "));

        assertThat(two.get(0)).matches(UUID_V4).isEqualTo(two.get(1));
    }
}
