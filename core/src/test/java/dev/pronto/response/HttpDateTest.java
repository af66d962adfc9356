package dev.pronto.response;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class HttpDateTest {
    @Test
    void rendersImfFixdateLikeTheJdkFormatter() {
        HttpDate date = new HttpDate();
        for (long millis = 0; millis < 4_102_444_800_000L; millis += 987_654_321_123L / 97) {
            date.update(millis);
            String expected = "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
                    .format(Instant.ofEpochMilli(millis)).replaceFirst(", (\\d) ", ", 0$1 ") + "\r\n";
            assertThat(new String(date.line(), StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    @Test
    void keepsTheSameLineWithinOneSecond() {
        HttpDate date = new HttpDate();
        date.update(1_000_000_000_000L);
        String first = new String(date.line(), StandardCharsets.US_ASCII);
        date.update(1_000_000_000_999L);
        assertThat(new String(date.line(), StandardCharsets.US_ASCII)).isEqualTo(first);
        date.update(1_000_000_001_000L);
        assertThat(new String(date.line(), StandardCharsets.US_ASCII)).isNotEqualTo(first);
    }
}
