package dev.pronto;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The members of the core's own JSON documents, with no JSON module on the test class path of core. */
class JsonMembersTest {
    @Test
    void plainValuesAreKeptAndCopied() {
        assertThat(JsonMembers.member(Map.of("a", List.of(1, "x", true))))
                .isEqualTo(Map.of("a", List.of(1, "x", true)));
    }

    @Test
    void refusesOtherObjectsWithoutAJsonModuleAndNamesWhatWouldDo() {
        record Account(int balance) {
        }
        for (Object value : new Object[] {new Account(30), List.of(new Account(1)), Map.of("a", new Object())}) {
            assertThatThrownBy(() -> JsonMembers.member(value)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pronto-json").hasMessageContaining("String, Number, Boolean");
        }
    }
}
