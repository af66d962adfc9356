package dev.pronto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    private static final Params SAMPLE = Params.builder().add("b", "1").add("a", "x").add("b", "2").build();

    @Test
    void keepsNamesInFirstSeenOrderAndValuesInOrder() {
        assertThat(SAMPLE.names()).containsExactly("b", "a");
        assertThat(SAMPLE.all("b")).containsExactly("1", "2");
        assertThat(SAMPLE.asMap()).containsExactly(Map.entry("b", List.of("1", "2")), Map.entry("a", List.of("x")));
    }

    @Test
    void givesTheFirstValueOrNothing() {
        assertThat(SAMPLE.first("b")).contains("1");
        assertThat(SAMPLE.first("missing")).isEmpty();
        assertThat(SAMPLE.all("missing")).isEmpty();
    }

    @Test
    void matchesNamesCaseSensitively() {
        assertThat(SAMPLE.first("B")).isEmpty();
        Params p = Params.builder().add("a", "1").add("A", "2").build();
        assertThat(p.size()).isEqualTo(2);
    }

    @Test
    void countsDistinctNames() {
        assertThat(SAMPLE.size()).isEqualTo(2);
        assertThat(SAMPLE.isEmpty()).isFalse();
    }

    @Test
    void hasAnEmptyInstance() {
        assertThat(Params.empty().isEmpty()).isTrue();
        assertThat(Params.empty().size()).isZero();
        assertThat(Params.empty().names()).isEmpty();
        assertThat(Params.builder().build()).isSameAs(Params.empty());
    }

    @Test
    void acceptsEmptyNamesAndValues() {
        Params p = Params.builder().add("", "").build();
        assertThat(p.first("")).contains("");
    }

    @Test
    void isImmutable() {
        assertThatThrownBy(() -> SAMPLE.asMap().put("c", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SAMPLE.all("b").add("3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SAMPLE.names().remove("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SAMPLE.asMap().get("b").clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void isNotChangedByLaterUseOfItsBuilder() {
        Params.Builder builder = Params.builder().add("a", "1");
        Params first = builder.build();
        builder.add("a", "2").add("b", "3");
        assertThat(first.all("a")).containsExactly("1");
        assertThat(first.names()).containsExactly("a");
        assertThat(builder.build().all("a")).containsExactly("1", "2");
    }

    @Test
    void equalsByContentAndOrderOfValues() {
        Params same = Params.builder().add("b", "1").add("a", "x").add("b", "2").build();
        assertThat(SAMPLE).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(SAMPLE).isNotEqualTo(Params.builder().add("b", "2").add("a", "x").add("b", "1").build());
        assertThat(SAMPLE).isNotEqualTo(Params.empty());
    }

    @Test
    void rendersItsContent() {
        assertThat(SAMPLE).hasToString("Params{b=[1, 2], a=[x]}");
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> Params.builder().add(null, "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Params.builder().add("n", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SAMPLE.first(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SAMPLE.all(null)).isInstanceOf(NullPointerException.class);
    }
}
