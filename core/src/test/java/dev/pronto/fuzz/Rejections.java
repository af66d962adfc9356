package dev.pronto.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pronto.HttpException;

/** Checks what a codec may throw: an {@link HttpException} with an expected status and a message safe to send. */
final class Rejections {
    private Rejections() {
    }

    /**
     * @param e        the rejection
     * @param statuses the statuses it may carry
     */
    static void check(HttpException e, Integer... statuses) {
        assertThat(e.status()).as("status of %s", e.getMessage()).isIn((Object[]) statuses);
        // The message becomes a response body and a log line: printable ASCII only, so input cannot forge lines.
        assertThat(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7F))
                .as("message is printable ASCII: %s", e.getMessage()).isTrue();
    }
}
