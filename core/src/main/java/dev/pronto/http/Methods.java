package dev.pronto.http;

/**
 * The standard request methods (RFC 9110 §9, PATCH from RFC 5789) and their ids, written once: the parser recognises
 * them as these ids, {@code dev.pronto.Method} makes its constants from them and uses the id as its ordinal, and a
 * route keeps its handlers in an array indexed by it. Method names are case-sensitive (RFC 9110 §9.1).
 */
public final class Methods {
    /** Any valid method token that is not a standard method (extension methods are legal). */
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
    /** One more than the highest id: the length of an array indexed by method id. */
    public static final int COUNT = 10;

    // By id; this order is also the order of the Allow field of a 405.
    private static final String[] NAMES = {
            "OTHER", "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};

    private Methods() {
    }

    /**
     * Names a method id.
     *
     * @param id a constant of this class
     * @return the method's name as sent on the wire, or {@code "OTHER"}
     */
    public static String name(int id) {
        return id > OTHER && id < COUNT ? NAMES[id] : NAMES[OTHER];
    }
}
