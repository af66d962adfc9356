package dev.pronto.parser;

import java.nio.ByteBuffer;

/**
 * Request methods as int constants, recognised while the request line is scanned (RFC 9110 §9). Method names are
 * case-sensitive (RFC 9110 §9.1), so the compares are exact; any other valid token is {@link #OTHER}.
 */
public final class Methods {
    /** Any valid method token that is not one of the constants below (extension methods are legal). */
    public static final int OTHER = 0;
    /** GET. */
    public static final int GET = 1;
    /** HEAD. */
    public static final int HEAD = 2;
    /** POST. */
    public static final int POST = 3;
    /** PUT. */
    public static final int PUT = 4;
    /** DELETE. */
    public static final int DELETE = 5;
    /** CONNECT. */
    public static final int CONNECT = 6;
    /** OPTIONS. */
    public static final int OPTIONS = 7;
    /** TRACE. */
    public static final int TRACE = 8;
    /** PATCH (RFC 5789). */
    public static final int PATCH = 9;

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

    private Methods() {
    }

    /**
     * Names a method constant, for messages and tests.
     *
     * @param method a constant of this class
     * @return its name, or {@code "OTHER"}
     */
    public static String name(int method) {
        return switch (method) {
            case GET -> "GET";
            case HEAD -> "HEAD";
            case POST -> "POST";
            case PUT -> "PUT";
            case DELETE -> "DELETE";
            case CONNECT -> "CONNECT";
            case OPTIONS -> "OPTIONS";
            case TRACE -> "TRACE";
            case PATCH -> "PATCH";
            default -> "OTHER";
        };
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
