package dev.pronto.parser;

import java.nio.ByteBuffer;

import static dev.pronto.http.Methods.CONNECT;
import static dev.pronto.http.Methods.DELETE;
import static dev.pronto.http.Methods.GET;
import static dev.pronto.http.Methods.HEAD;
import static dev.pronto.http.Methods.OPTIONS;
import static dev.pronto.http.Methods.OTHER;
import static dev.pronto.http.Methods.PATCH;
import static dev.pronto.http.Methods.POST;
import static dev.pronto.http.Methods.PUT;
import static dev.pronto.http.Methods.TRACE;

/**
 * Recognises the standard methods while the request line is scanned, as the ids of {@link dev.pronto.http.Methods}.
 * Method names are case-sensitive (RFC 9110 §9.1), so the compares are exact; any other valid token is {@code OTHER}.
 */
final class MethodTokens {
    // Three-letter methods are read together with the SP that must follow them.
    private static final int GET_SP = Bytes.pack4("GET ");
    private static final int PUT_SP = Bytes.pack4("PUT ");
    private static final int HEAD4 = Bytes.pack4("HEAD");
    private static final int POST4 = Bytes.pack4("POST");
    // Five- and six-letter methods are two overlapping four-byte reads: the first four and the last four bytes.
    private static final int TRAC = Bytes.pack4("TRAC");
    private static final int RACE = Bytes.pack4("RACE");
    private static final int PATC = Bytes.pack4("PATC");
    private static final int ATCH = Bytes.pack4("ATCH");
    private static final int DELE = Bytes.pack4("DELE");
    private static final int LETE = Bytes.pack4("LETE");
    // Seven-letter methods are read together with their SP as one long.
    private static final long CONNECT_SP = Bytes.pack8("CONNECT ");
    private static final long OPTIONS_SP = Bytes.pack8("OPTIONS ");

    private MethodTokens() {
    }

    /**
     * Recognises the method token at [at, at + len); the byte at {@code at + len} must be the SP that ends it, since
     * three- and seven-letter methods are compared together with it.
     */
    static int identify(ByteBuffer buf, int at, int len) {
        return switch (len) {
            case 3 -> {
                int w = Bytes.getInt(buf, at);
                yield w == GET_SP ? GET : w == PUT_SP ? PUT : OTHER;
            }
            case 4 -> {
                int w = Bytes.getInt(buf, at);
                yield w == HEAD4 ? HEAD : w == POST4 ? POST : OTHER;
            }
            case 5 -> {
                int head = Bytes.getInt(buf, at);
                int tail = Bytes.getInt(buf, at + 1);
                yield head == TRAC && tail == RACE ? TRACE : head == PATC && tail == ATCH ? PATCH : OTHER;
            }
            case 6 -> Bytes.getInt(buf, at) == DELE && Bytes.getInt(buf, at + 2) == LETE ? DELETE : OTHER;
            case 7 -> {
                long w = Bytes.getLong(buf, at);
                yield w == CONNECT_SP ? CONNECT : w == OPTIONS_SP ? OPTIONS : OTHER;
            }
            default -> OTHER;
        };
    }
}
