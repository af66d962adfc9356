package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.HttpException;
import dev.pronto.Response;
import dev.pronto.Status;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Large in-memory bodies, for bench/bigbody.sh: {@code GET /big?mib=N} answers {@code N} MiB of zero bytes with
 * {@code Response.bytes}, and {@code GET /} a small constant, so that one can see whether a large download holds
 * back the other connections of its event loop. Each size is allocated once and kept: concurrent downloads share
 * one array, and what the bench measures is the server's own memory, not the bodies'.
 */
final class BigBodyExample {
    private static final Response HELLO = Response.text("Hello world!");
    /** A Java array holds at most 2^31 - 1 bytes: 2047 MiB is the largest whole number of MiB that fits. */
    private static final int MAX_MIB = 2047;
    private static final ConcurrentMap<Integer, Response> BODIES = new ConcurrentHashMap<>();

    private BigBodyExample() {
    }

    static App app() {
        return new App()
                .get("/", request -> HELLO)
                // Blocking: the first request for a size fills that many MiB, too long for the event loop.
                .get("/big", Handler.blocking(request ->
                        body(mebibytes(request.queryParams().first("mib").orElse("1")))));
    }

    private static int mebibytes(String value) {
        try {
            int mib = Integer.parseInt(value);
            if (mib >= 0 && mib <= MAX_MIB) {
                return mib;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new HttpException(Status.BAD_REQUEST, "mib must be a whole number from 0 to " + MAX_MIB);
    }

    private static Response body(int mib) {
        return BODIES.computeIfAbsent(mib, m -> Response.bytes(new byte[m << 20]));
    }
}
