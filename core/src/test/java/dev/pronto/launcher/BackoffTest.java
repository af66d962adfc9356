package dev.pronto.launcher;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void doublesFromATenthOfASecondUpToTenSecondsWhileWorkersDieYoung() {
        Backoff backoff = new Backoff();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delays.add(backoff.delayAfter(Duration.ofMillis(300)).toMillis());
        }

        assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 10_000L, 10_000L, 10_000L);
    }

    @Test
    void startsOverOnceAWorkerHasLivedThirtySeconds() {
        Backoff backoff = new Backoff();
        for (int i = 0; i < 5; i++) {
            backoff.delayAfter(Duration.ZERO);
        }

        assertThat(backoff.delayAfter(Duration.ofSeconds(29)).toMillis()).isEqualTo(3200);
        assertThat(backoff.delayAfter(Duration.ofSeconds(30)).toMillis()).isEqualTo(100);
        assertThat(backoff.delayAfter(Duration.ofSeconds(1)).toMillis()).isEqualTo(200);
    }
}
