package dev.pronto;

import java.util.Objects;

/**
 * An HTTP request method (RFC 9110 §9). The standard methods are constants compared by identity on the hot path;
 * extension methods are legal tokens and get instances of their own.
 */
public final class Method {
    /** GET. */
    public static final Method GET = new Method("GET");
    /** HEAD. */
    public static final Method HEAD = new Method("HEAD");
    /** POST. */
    public static final Method POST = new Method("POST");
    /** PUT. */
    public static final Method PUT = new Method("PUT");
    /** DELETE. */
    public static final Method DELETE = new Method("DELETE");
    /** CONNECT. */
    public static final Method CONNECT = new Method("CONNECT");
    /** OPTIONS. */
    public static final Method OPTIONS = new Method("OPTIONS");
    /** TRACE. */
    public static final Method TRACE = new Method("TRACE");
    /** PATCH (RFC 5789). */
    public static final Method PATCH = new Method("PATCH");

    private static final Method[] STANDARD = {GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH};

    private final String name;

    private Method(String name) {
        this.name = name;
    }

    /** @return the position of a standard method among the standard ones, -1 for others: for tables by method */
    public int index() {
        for (int i = 0; i < STANDARD.length; i++) {
            if (STANDARD[i] == this) {
                return i;
            }
        }
        return -1;
    }

    /** @return how many standard methods there are: the size of a table indexed by {@link #index()} */
    public static int standardCount() {
        return STANDARD.length;
    }

    /**
     * Returns the method with this exact (case-sensitive) name.
     *
     * @param name a method token, e.g. {@code "GET"} or {@code "PROPFIND"}
     * @return the standard constant, or a new instance for an extension method
     */
    public static Method of(String name) {
        Objects.requireNonNull(name, "name");
        for (Method m : STANDARD) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        if (name.isEmpty() || !name.chars().allMatch(Method::isTokenChar)) {
            throw new IllegalArgumentException("Not a method token: " + name);
        }
        return new Method(name);
    }

    /** @return the method's name as sent on the wire */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Method m && m.name.equals(name));
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }

    static boolean isTokenChar(int c) {
        // tchar, RFC 9110 §5.6.2
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
