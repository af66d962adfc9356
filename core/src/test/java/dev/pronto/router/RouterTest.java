package dev.pronto.router;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {
    private static Router<String> router(String... patterns) {
        Map<RoutePattern, String> routes = new LinkedHashMap<>();
        for (String p : patterns) {
            routes.put(RoutePattern.parse(p), p);
        }
        return Router.of(routes);
    }

    /** Matches {@code path} placed inside a larger direct buffer, as the engine does. */
    private static String match(Router<String> router, String path) {
        byte[] bytes = ("GET " + path + " HTTP/1.1").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length);
        buf.put(bytes);
        Router.Match<String> m = new Router.Match<>();
        Router.Result result = router.match(buf, 4, 4 + path.getBytes(StandardCharsets.UTF_8).length, m);
        return switch (result) {
            case FOUND -> m.value() + (m.params().length == 0 ? "" : " " + String.join(",", m.params()));
            case NOT_FOUND -> "404";
            case BAD_ESCAPE -> "400";
        };
    }

    @Test
    void staticRoutesAreFoundByExactBytes() {
        Router<String> r = router("/", "/a", "/a/b", "/a/b/", "/ab");
        assertThat(match(r, "/")).isEqualTo("/");
        assertThat(match(r, "")).isEqualTo("/");
        assertThat(match(r, "/a")).isEqualTo("/a");
        assertThat(match(r, "/a/b")).isEqualTo("/a/b");
        assertThat(match(r, "/a/b/")).isEqualTo("/a/b/");
        assertThat(match(r, "/ab")).isEqualTo("/ab");
        assertThat(match(r, "/A")).isEqualTo("404");
        assertThat(match(r, "/a/")).isEqualTo("404");
        assertThat(match(r, "*")).isEqualTo("404");
    }

    @Test
    void manyStaticRoutesAllResolve() {
        String[] patterns = new String[500];
        for (int i = 0; i < patterns.length; i++) {
            patterns[i] = "/route/" + i;
        }
        Router<String> r = router(patterns);
        for (String p : patterns) {
            assertThat(match(r, p)).isEqualTo(p);
        }
        assertThat(match(r, "/route/500")).isEqualTo("404");
    }

    @Test
    void literalSegmentsWinAndTheTrieBacktracks() {
        Router<String> r = router("/a/{x}/c", "/a/b/d", "/{any}/b/c/{y}", "/a/{x}");
        assertThat(match(r, "/a/b/c")).isEqualTo("/a/{x}/c b");  // /a/b has no child c: back to {x}
        assertThat(match(r, "/a/b/d")).isEqualTo("/a/b/d");
        assertThat(match(r, "/a/b/c/9")).isEqualTo("/{any}/b/c/{y} a,9");
        assertThat(match(r, "/a/b")).isEqualTo("/a/{x} b");
        assertThat(match(r, "/a/")).isEqualTo("404");             // placeholders never match an empty segment
        assertThat(match(r, "/a//c")).isEqualTo("404");
    }

    @Test
    void segmentsAreDecodedOneByOne() {
        Router<String> r = router("/files/{name}", "/files/a/b", "/caf\u00e9");
        assertThat(match(r, "/files/a%2Fb")).isEqualTo("/files/{name} a/b");
        assertThat(match(r, "/files/a%2fb")).isEqualTo("/files/{name} a/b");
        assertThat(match(r, "/files/%61/%62")).isEqualTo("/files/a/b");
        assertThat(match(r, "/caf%C3%A9")).isEqualTo("/caf\u00e9");
        assertThat(match(r, "/caf%c3%a9")).isEqualTo("/caf\u00e9");
        assertThat(match(r, "/files/%2")).isEqualTo("400");
        assertThat(match(r, "/files/%zz")).isEqualTo("400");
        assertThat(match(r, "/files/a+b")).isEqualTo("/files/{name} a+b"); // '+' is not a space in a path
    }

    @Test
    void anEscapeInOneSegmentLeavesTheSegmentsAroundItIntact() {
        Router<String> r = router("/u/{id}/files/{name}/raw", "/u/{id}/files/{name}", "/u/{id}/caf\u00e9/{x}");
        // Unescaped segments before the first escape, decoded ones after it, shorter than their raw form.
        assertThat(match(r, "/u/7/files/a%2Fb%20c/raw")).isEqualTo("/u/{id}/files/{name}/raw 7,a/b c");
        assertThat(match(r, "/u/%37%37/files/x/r%61w")).isEqualTo("/u/{id}/files/{name}/raw 77,x");
        assertThat(match(r, "/u/%37/files/%C3%A9t%C3%A9")).isEqualTo("/u/{id}/files/{name} 7,\u00e9t\u00e9");
        assertThat(match(r, "/u/1/caf%C3%A9/%2F")).isEqualTo("/u/{id}/caf\u00e9/{x} 1,/");
        assertThat(match(r, "/u/1/files/a%2Fb/raw/more")).isEqualTo("404");
        assertThat(match(r, "/u/1/files/ok/r%4")).isEqualTo("400");
    }

    @Test
    void patternsThatMatchTheSamePathsConflict() {
        Map<RoutePattern, String> routes = new LinkedHashMap<>();
        routes.put(RoutePattern.parse("/u/{id}"), "a");
        routes.put(RoutePattern.parse("/u/{name}"), "b");
        assertThatThrownBy(() -> Router.of(routes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/u/{id}").hasMessageContaining("/u/{name}");
    }

    @Test
    void theBuilderKeepsOneValuePerPatternAndRefusesAnotherPatternOfTheSameShape() {
        Router.Builder<String> b = new Router.Builder<>();
        assertThat(b.computeIfAbsent(RoutePattern.parse("/u/{id}"), p -> "first " + p.pattern()))
                .isEqualTo("first /u/{id}");
        assertThat(b.computeIfAbsent(RoutePattern.parse("/u/{id}"), p -> "second")).isEqualTo("first /u/{id}");
        assertThatThrownBy(() -> b.computeIfAbsent(RoutePattern.parse("/u/{name}"), p -> "third"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Routes /u/{id} and /u/{name} match the same"
                        + " paths: use one pattern with the same placeholder names");
        assertThatThrownBy(() -> b.add(RoutePattern.parse("/u/{id}"), "again"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("match the same paths");
        b.add(RoutePattern.parse("/u/{id}/posts"), "posts");
        assertThat(match(b.build(), "/u/7")).isEqualTo("first /u/{id} 7");
        assertThat(match(b.build(), "/u/7/posts")).isEqualTo("posts 7");
    }

    @Test
    void patternsThatCouldNeverMatchAsMeantAreRefusedWithTheRightPattern() {
        // A '*' would be a literal star, not a wildcard: refused until tail parameters exist.
        for (String wildcard : new String[] {"/static/*", "/*", "/a/**", "/a/*.css", "/files/{path...}"}) {
            assertThatThrownBy(() -> RoutePattern.parse(wildcard)).as(wildcard)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("wildcards are not supported: '" + wildcard + "'")
                    .hasMessageContaining("a segment is a literal or a {name} placeholder");
        }
        // An empty segment inside a pattern: the router never matches one, so the route would be unreachable.
        assertThatThrownBy(() -> RoutePattern.parse("/a//b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty segment").hasMessageContaining("'/a//b'").hasMessageContaining("'/a/b'");
        assertThatThrownBy(() -> RoutePattern.parse("//")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty segment").hasMessageContaining("'/'");
        assertThatThrownBy(() -> RoutePattern.parse("/a/{id}//")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/a/{id}/'");
        // Placeholders: empty, two in one segment, unclosed, repeated; each message says what to write.
        assertThatThrownBy(() -> RoutePattern.parse("/a/{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty placeholder").hasMessageContaining("{name}");
        assertThatThrownBy(() -> RoutePattern.parse("/a/{x}{y}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one placeholder per segment").hasMessageContaining("/a/{x}/{y}");
        assertThatThrownBy(() -> RoutePattern.parse("/a/{x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unclosed").hasMessageContaining("{x}");
        assertThatThrownBy(() -> RoutePattern.parse("/{a}/b/{a}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{a}").hasMessageContaining("twice");
    }

    @Test
    void aTrailingSlashIsItsOwnRouteForLiteralsAndPlaceholders() {
        Router<String> r = router("/a/", "/a", "/u/{id}/", "/v/{id}");
        assertThat(match(r, "/a/")).isEqualTo("/a/");
        assertThat(match(r, "/a")).isEqualTo("/a");
        assertThat(match(r, "/u/7/")).isEqualTo("/u/{id}/ 7");
        assertThat(match(r, "/u/7")).isEqualTo("404");
        assertThat(match(r, "/v/7/")).isEqualTo("404");
    }

    @Test
    void malformedPatternsAreRefused() {
        for (String bad : new String[] {"", "x", "/a/{", "/a/{b", "/a/b}", "/a/{b}c", "/{a}/{a}", "/{a-b}", "/a?b"}) {
            assertThatThrownBy(() -> RoutePattern.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
