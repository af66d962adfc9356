package dev.pronto.bench.netty;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.util.Date;

/** The current {@code Date} header value (RFC 9110 §5.6.7 IMF-fixdate), refreshed once a second by the loop. */
final class DateHeader {

    private volatile AsciiString value = render();

    AsciiString value() {
        return value;
    }

    void refresh() {
        value = render();
    }

    private static AsciiString render() {
        return AsciiString.cached(DateFormatter.format(new Date()));
    }
}
