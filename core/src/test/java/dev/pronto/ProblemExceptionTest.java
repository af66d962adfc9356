package dev.pronto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two forms of an {@link HttpException}, and what a {@link ProblemException} accepts as members. */
class ProblemExceptionTest {
    private static String body(Response response) {
        Response.Body.Bytes bytes = (Response.Body.Bytes) response.body();
        byte[] b = new byte[bytes.length()];
        bytes.asReadOnlyBuffer().get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void anHttpExceptionHasAPlainTextAndAProblemFormWithTheSameHeaders() {
        HttpException e = new HttpException(429, "Slow down").withHeader("Retry-After", "10");

        Response text = e.toResponse();
        assertThat(text.contentType()).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(body(text)).isEqualTo("Slow down\n");
        assertThat(text.headers()).containsExactly(Map.entry("Retry-After", "10"));

        Response problem = e.toProblem();
        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.contentType()).hasValue("application/problem+json");
        assertThat(body(problem)).isEqualTo(
                "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"Slow down\"}");
        assertThat(problem.headers()).containsExactly(Map.entry("Retry-After", "10"));
        assertThat(e.headers()).containsExactly(Map.entry("Retry-After", "10"));
    }

    @Test
    void a405CarriesAllowInBothForms() {
        MethodNotAllowedException e = new MethodNotAllowedException(Method.POST, List.of(Method.GET, Method.HEAD));

        assertThat(e.toResponse().headers()).containsExactly(Map.entry("Allow", "GET, HEAD"));
        assertThat(e.toProblem().headers()).containsExactly(Map.entry("Allow", "GET, HEAD"));
    }

    @Test
    void headersAreCheckedWhenAddedAsAResponseChecksThem() {
        HttpException e = new HttpException(400);
        assertThatThrownBy(() -> e.withHeader("X-A", "1\r\nSet-Cookie: a=b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.withHeader("Content-Length", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.withHeader("Content-Type", "text/html")).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.headers()).isEmpty();
    }

    @Test
    void aProblemExceptionsPlainResponseIsItsProblemDocument() {
        ProblemException e = new ProblemException(404, "No order 7").withInstance("/orders/7").with("order", 7);

        assertThat(e.toResponse().contentType()).hasValue("application/problem+json");
        assertThat(body(e.toResponse())).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"No order 7\",\"instance\":\"/orders/7\",\"order\":7}");
        assertThat(e.instance()).hasValue("/orders/7");
        assertThat(e.type()).isEqualTo("about:blank");
    }

    @Test
    void aProblemOfItsOwnTypeHasNoTitleUnlessGiven() {
        ProblemException e = new ProblemException(409, "Taken").withType("/probs/taken");

        assertThat(body(e.toProblem())).isEqualTo("{\"type\":\"/probs/taken\",\"status\":409,\"detail\":\"Taken\"}");
        assertThat(e.title()).isEmpty();
        assertThat(body(e.withTitle("Name taken").toProblem())).contains("\"title\":\"Name taken\"");
    }

    @Test
    void extensionMembersCannotReplaceTheStandardOnes() {
        ProblemException e = new ProblemException(400);
        for (String name : new String[] {"type", "title", "status", "detail", "instance", ""}) {
            assertThatThrownBy(() -> e.with(name, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot be an extension member");
        }
    }

    @Test
    void membersAreJsonValuesOrGoThroughTheJsonModule() {
        ProblemException e = new ProblemException(422, "Invalid")
                .with("errors", List.of(Map.of("field", "name"), Map.of("field", "age")))
                .with("retry", false).with("hint", null).with("codes", new int[] {1, 2});
        assertThat(body(e.toProblem())).endsWith(",\"errors\":[{\"field\":\"name\"},{\"field\":\"age\"}],"
                + "\"retry\":false,\"hint\":null,\"codes\":[1,2]}");

        record Account(int balance) {
        }
        // The core's tests run without pronto-json: the member is refused where it is added, not when answered.
        assertThatThrownBy(() -> e.with("account", new Account(30))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pronto-json");
        assertThatThrownBy(() -> e.with("ratio", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typeAndInstanceMustBeUriReferences() {
        assertThatThrownBy(() -> new ProblemException(400).withType("not a uri"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> new ProblemException(400).withInstance("/a b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance");
    }
}
