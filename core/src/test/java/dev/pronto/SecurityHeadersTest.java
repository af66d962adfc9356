package dev.pronto;

import dev.pronto.filter.SecurityHeaders;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Security headers in memory: the defaults on handlers', error and 404 answers; a handler's own value kept; options. */
class SecurityHeadersTest {
    private static final Response CONSTANT = Response.text("constant");

    private static InMemory server(SecurityHeaders headers) {
        App app = new App().install(headers);
        app.get("/", r -> Response.text("root"));
        app.get("/constant", r -> CONSTANT);
        app.get("/framed", r -> Response.text("framed").withHeader("x-frame-options", "SAMEORIGIN"));
        app.get("/boom", r -> {
            throw new IllegalStateException("boom");
        });
        return new InMemory(app);
    }

    private static void assertDefaults(InMemory.Reply reply) {
        assertThat(reply.headers("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(reply.headers("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(reply.headers("X-Frame-Options")).containsExactly("DENY");
        assertThat(reply.headers("Content-Security-Policy")).isEmpty();
        assertThat(reply.headers("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void theDefaultsAreOnHandlers404AndErrorAnswers() {
        InMemory server = server(SecurityHeaders.defaults());

        for (String path : List.of("/", "/constant", "/nowhere", "/boom")) {
            assertDefaults(server.get(path));
        }
        InMemory.Reply wrongMethod = server.send("DELETE", "/");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertDefaults(wrongMethod);
    }

    @Test
    void aHandlersOwnValueIsKeptWhateverItsCase() {
        InMemory.Reply reply = server(SecurityHeaders.defaults()).get("/framed");

        assertThat(reply.headers("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(reply.headers("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void aConstantResponseIsDressedOnceSoItsHeadIsEncodedOnce() throws Exception {
        Filter.After filter = CapturedFilters.of(SecurityHeaders.defaults()).afters.get(0);

        Response first = filter.after(null, CONSTANT);
        assertThat(filter.after(null, CONSTANT)).isSameAs(first);
        assertThat(filter.after(null, Response.text("other"))).isNotSameAs(first);
        assertThat(CONSTANT.headers()).isEmpty(); // the handler's constant itself is never changed
    }

    @Test
    void defaultsCanBeChangedDroppedAndExtended() {
        InMemory.Reply reply = server(SecurityHeaders.builder().header("X-Frame-Options", "SAMEORIGIN")
                .without("referrer-policy").contentSecurityPolicy("default-src 'none'; frame-ancestors 'none'")
                .strictTransportSecurity(Duration.ofDays(365), true)
                .header("Cross-Origin-Opener-Policy", "same-origin").build()).get("/");

        assertThat(reply.headers("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(reply.headers("Referrer-Policy")).isEmpty();
        assertThat(reply.headers("Content-Security-Policy"))
                .containsExactly("default-src 'none'; frame-ancestors 'none'");
        assertThat(reply.headers("Strict-Transport-Security")).containsExactly("max-age=31536000; includeSubDomains");
        assertThat(reply.headers("Cross-Origin-Opener-Policy")).containsExactly("same-origin");
    }

    @Test
    void refusesAHeaderNoResponseCouldCarry() {
        assertThatThrownBy(() -> SecurityHeaders.builder().header("Bad Name", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityHeaders.builder().header("X-Ok", "a\r\nInjected: yes"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityHeaders.builder().header("Content-Type", "text/html"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
