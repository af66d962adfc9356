package dev.pronto.json;

import dev.pronto.JsonCodec;
import dev.pronto.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    record Item(String name, int count) {
    }

    @Test
    void answersWithAStatusAndApplicationJson() {
        Response created = Json.response(201, new Item("a", 2));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).contains("application/json");
        assertThat(new String(((Response.Body.Bytes) created.body()).bytes(),
                StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"a\",\"count\":2}");
        assertThat(Json.response(List.of(1, 2)).status()).isEqualTo(200);
    }

    @Test
    void refusesNullAndStatusesWithoutABody() {
        assertThatThrownBy(() -> Json.response(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Json.response(204, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.response(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot write java.lang.Object as JSON");
    }

    @Test
    void sharesOneConfiguredMapperWithTheLoadedCodec() {
        assertThat(Json.mapper()).isSameAs(Json.mapper());
        assertThat(Json.mapper().getRegisteredModuleIds()).hasSize(2);
        assertThat(JsonCodec.get()).isInstanceOf(JacksonCodec.class);
    }
}
