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
        // A '*' would be a literal star, not a wildcard: the message shows the tail parameter that means "the rest".
        Map<String, String> wildcards = new LinkedHashMap<>();
        wildcards.put("/static/*", "/static/{path...}");
        wildcards.put("/*", "/{path...}");
        wildcards.put("/a/**", "/a/{path...}");
        wildcards.put("/a/*.css", "/a/{path...}");
        wildcards.put("/{path}/*", "/{path}/{rest...}");
        wildcards.forEach((wildcard, fix) -> assertThatThrownBy(() -> RoutePattern.parse(wildcard)).as(wildcard)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wildcards are not supported: '" + wildcard
                        + "': a tail parameter matches the rest of the path: write '" + fix + "'"));
        assertThatThrownBy(() -> RoutePattern.parse("/a/*/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wildcards are not supported: '/a/*/b': a {name} placeholder matches one segment:"
                        + " write '/a/{name}/b'");
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
    void aTailParameterTakesTheRestOfThePathDecodedAndJoinedWithSlashes() {
        Router<String> r = router("/files/{path...}", "/u/{id}/files/{rest...}");
        assertThat(match(r, "/files/a/b/c.txt")).isEqualTo("/files/{path...} a/b/c.txt");
        assertThat(match(r, "/files/a")).isEqualTo("/files/{path...} a");
        assertThat(match(r, "/u/7/files/x/y")).isEqualTo("/u/{id}/files/{rest...} 7,x/y");
        // Each segment is decoded on its own; an encoded '/' becomes a '/' in the value like any other.
        assertThat(match(r, "/files/caf%C3%A9/%61.txt")).isEqualTo("/files/{path...} caf\u00e9/a.txt");
        assertThat(match(r, "/files/a%2Fb/c")).isEqualTo("/files/{path...} a/b/c");
        assertThat(match(r, "/files/a%20b")).isEqualTo("/files/{path...} a b");
        assertThat(match(r, "/u/%37/files/x/%79")).isEqualTo("/u/{id}/files/{rest...} 7,x/y");
        assertThat(match(r, "/files/a/%zz")).isEqualTo("400");
    }

    @Test
    void aTailParameterMatchesOneOrMoreSegmentsAndKeepsATrailingSlash() {
        Router<String> r = router("/files/{path...}");
        assertThat(match(r, "/files")).isEqualTo("404");
        assertThat(match(r, "/files/")).isEqualTo("404");       // no segment left, only an empty one
        assertThat(match(r, "/files//a")).isEqualTo("404");     // the value never starts with '/'
        assertThat(match(r, "/files/a/")).isEqualTo("/files/{path...} a/");
        assertThat(match(r, "/files/a//b")).isEqualTo("/files/{path...} a//b");
        assertThat(match(r, "/filesx/a")).isEqualTo("404");
        Router<String> all = router("/{all...}");
        assertThat(match(all, "/x")).isEqualTo("/{all...} x");
        assertThat(match(all, "/x/y/")).isEqualTo("/{all...} x/y/");
        assertThat(match(all, "/")).isEqualTo("404");
        assertThat(match(all, "*")).isEqualTo("404");
    }

    @Test
    void literalsThenPlaceholdersThenTailParametersWinAtEachDepthWithBacktracking() {
        Router<String> r = router("/files/{id}", "/files/{path...}", "/files/new", "/files/new/{x}",
                "/a/{x}/c", "/a/{rest...}", "/a/b/{tail...}");
        assertThat(match(r, "/files/x")).isEqualTo("/files/{id} x");
        assertThat(match(r, "/files/x/y")).isEqualTo("/files/{path...} x/y");
        assertThat(match(r, "/files/new")).isEqualTo("/files/new");
        assertThat(match(r, "/files/new/1")).isEqualTo("/files/new/{x} 1");
        assertThat(match(r, "/files/new/1/2")).isEqualTo("/files/{path...} new/1/2");
        assertThat(match(r, "/a/z/c")).isEqualTo("/a/{x}/c z");
        assertThat(match(r, "/a/z/d")).isEqualTo("/a/{rest...} z/d");
        assertThat(match(r, "/a/b/c")).isEqualTo("/a/b/{tail...} c");  // the literal b wins at its depth
        assertThat(match(r, "/a/b")).isEqualTo("/a/{rest...} b");
        assertThat(match(r, "/a/b%2Fc")).isEqualTo("/a/{rest...} b/c");
    }

    @Test
    void tailParametersOfOneShapeConflictAndOtherPlaceholdersDoNot() {
        Router.Builder<String> b = new Router.Builder<>();
        b.add(RoutePattern.parse("/files/{p...}"), "tail");
        b.add(RoutePattern.parse("/files/{p}"), "one");
        b.add(RoutePattern.parse("/files/{p}/{q...}"), "deeper");
        assertThatThrownBy(() -> b.add(RoutePattern.parse("/files/{q...}"), "again"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Routes /files/{p...} and /files/{q...} match the same paths: use one pattern with the"
                        + " same placeholder names");
        assertThat(RoutePattern.parse("/files/{p...}").shape()).isEqualTo("/files/{...}");
        assertThat(RoutePattern.parse("/files/{p...}").paramNames()).containsExactly("p");
        assertThat(RoutePattern.parse("/files/{p...}").tail()).isTrue();
        assertThat(RoutePattern.parse("/files/{p}").tail()).isFalse();
        assertThat(match(b.build(), "/files/1/2/3")).isEqualTo("deeper 1,2/3");
    }

    @Test
    void aTailParameterMustBeTheLastSegmentAndWellNamed() {
        assertThatThrownBy(() -> RoutePattern.parse("/a/{path...}/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tail parameter {path...} in route '/a/{path...}/b' is not the last segment: it takes the"
                        + " rest of the path, so write '/a/{path...}', or '/a/{path}/b' for one segment");
        assertThatThrownBy(() -> RoutePattern.parse("/a/{path...}/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not the last segment").hasMessageContaining("write '/a/{path...}'");
        assertThatThrownBy(() -> RoutePattern.parse("/a/{...}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty tail parameter {...} in route '/a/{...}': name it, like {path...}");
        assertThatThrownBy(() -> RoutePattern.parse("/a/{p-q...}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{p-q...}").hasMessageContaining("use letters, digits and '_'");
        assertThatThrownBy(() -> RoutePattern.parse("/{p}/{p...}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{p}").hasMessageContaining("twice");
        assertThatThrownBy(() -> RoutePattern.parse("/a/x{p...}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole segment");
        assertThatThrownBy(() -> RoutePattern.parse("/a/{p..}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{p..}");
    }

    @Test
    void theOtherSlashFormRemovesOrAddsOneTrailingSlashButNeverTouchesTheRoot() {
        Router<String> r = router("/", "/a", "/dir/", "/u/{id}", "/caf\u00e9");
        assertThat(other(r, "/a/")).isEqualTo("/a");
        assertThat(other(r, "/dir")).isEqualTo("/dir/");
        assertThat(other(r, "/u/7/")).isEqualTo("/u/{id} 7");
        assertThat(other(r, "/caf%C3%A9/")).isEqualTo("/caf\u00e9");
        assertThat(other(r, "/a")).isEqualTo("404");    // "/a/" has no route
        assertThat(other(r, "/")).isEqualTo("404");
        assertThat(other(r, "")).isEqualTo("404");
        assertThat(other(r, "//")).isEqualTo("404");    // never made the root
        assertThat(other(r, "/a//")).isEqualTo("404");  // one slash only
        assertThat(other(r, "*")).isEqualTo("404");
    }

    private static String other(Router<String> router, String path) {
        byte[] bytes = ("GET " + path + " HTTP/1.1").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length).put(bytes);
        Router.Match<String> m = new Router.Match<>();
        return switch (router.matchOtherSlash(buf, 4, 4 + path.getBytes(StandardCharsets.UTF_8).length, m)) {
            case FOUND -> m.value() + (m.params().length == 0 ? "" : " " + String.join(",", m.params()));
            case NOT_FOUND -> "404";
            case BAD_ESCAPE -> "400";
        };
    }

    @Test
    void malformedPatternsAreRefused() {
        for (String bad : new String[] {"", "x", "/a/{", "/a/{b", "/a/b}", "/a/{b}c", "/{a}/{a}", "/{a-b}", "/a?b"}) {
            assertThatThrownBy(() -> RoutePattern.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
