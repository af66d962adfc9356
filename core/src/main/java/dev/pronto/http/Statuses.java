package dev.pronto.http;

/** What a response's status says about its framing. */
public final class Statuses {
    private Statuses() {
    }

    /**
     * Tells whether a response with this status may carry content and a {@code Content-Length}.
     *
     * @param status the status code
     * @return false for 1xx, 204 and 304
     */
    public static boolean permitsBody(int status) {
        // RFC 9110 §15.2, §15.3.5, §15.4.5 and RFC 9112 §6.3: a 1xx, 204 or 304 response ends after its header section.
        return status >= 200 && status != 204 && status != 304;
    }
}
