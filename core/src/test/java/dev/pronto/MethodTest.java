package dev.pronto;

import dev.pronto.http.Methods;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MethodTest {
    private static final List<Method> CONSTANTS = List.of(Method.GET, Method.HEAD, Method.POST, Method.PUT,
            Method.DELETE, Method.CONNECT, Method.OPTIONS, Method.TRACE, Method.PATCH);

    @Test
    void eachConstantCarriesTheIdTheParserRecognisesItAs() {
        assertThat(CONSTANTS).hasSize(Methods.COUNT - 1);
        for (Method m : CONSTANTS) {
            assertThat(Methods.name(m.ordinal())).as(m.name()).isEqualTo(m.name());
            assertThat(Method.standard(m.ordinal())).isSameAs(m);
            assertThat(Method.of(m.name())).isSameAs(m);
        }
        assertThat(CONSTANTS).extracting(Method::ordinal).doesNotHaveDuplicates().doesNotContain(Methods.OTHER);
    }

    @Test
    void extensionMethodsAreTokensOutsideTheStandardIds() {
        Method propfind = Method.of("PROPFIND");
        assertThat(propfind.ordinal()).isEqualTo(Methods.OTHER);
        assertThat(propfind).isEqualTo(Method.of("PROPFIND")).isNotSameAs(Method.of("PROPFIND"));
        assertThat(Method.of("get").ordinal()).isEqualTo(Methods.OTHER); // names are case-sensitive, RFC 9110 §9.1
        for (String bad : new String[] {"", "GE T", "GET/", "M\u00c9THODE", "\u0147ET"}) {
            assertThatThrownBy(() -> Method.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Not a method token");
        }
    }
}
