package dev.pronto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The core's tests run without a JSON module: what a caller gets when none is present. */
class JsonCodecTest {
    @Test
    void withoutAJsonModuleEveryCallFailsWithTheSameIllegalStateException() {
        for (int i = 0; i < 2; i++) { // the second call once threw NoClassDefFoundError: the holder's init had failed
            assertThatThrownBy(JsonCodec::get).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pronto-json");
        }
    }
}
