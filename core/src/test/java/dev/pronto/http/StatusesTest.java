package dev.pronto.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusesTest {
    @Test
    void onlyInformationalNoContentAndNotModifiedHaveNoBody() {
        for (int status = 100; status < 600; status++) {
            boolean bodiless = status < 200 || status == 204 || status == 304;
            assertThat(Statuses.permitsBody(status)).as("status %d", status).isEqualTo(!bodiless);
        }
    }
}
