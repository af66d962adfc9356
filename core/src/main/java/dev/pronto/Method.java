package dev.pronto;

import dev.pronto.http.Methods;
import dev.pronto.http.Tokens;

import java.util.Objects;

/**
 * An HTTP request method (RFC 9110 §9). The standard methods are constants compared by identity on the hot path;
 * extension methods are legal tokens and get instances of their own.
 */
public final class Method {
    // By id of dev.pronto.http.Methods, where the standard methods are listed once; [OTHER] stays empty.
    private static final Method[] STANDARD = new Method[Methods.COUNT];

    static {
        for (int id = Methods.OTHER + 1; id < Methods.COUNT; id++) {
            STANDARD[id] = new Method(Methods.name(id), id);
        }
    }

    /** GET. */
    public static final Method GET = STANDARD[Methods.GET];
    /** HEAD. */
    public static final Method HEAD = STANDARD[Methods.HEAD];
    /** POST. */
    public static final Method POST = STANDARD[Methods.POST];
    /** PUT. */
    public static final Method PUT = STANDARD[Methods.PUT];
    /** DELETE. */
    public static final Method DELETE = STANDARD[Methods.DELETE];
    /** CONNECT. */
    public static final Method CONNECT = STANDARD[Methods.CONNECT];
    /** OPTIONS. */
    public static final Method OPTIONS = STANDARD[Methods.OPTIONS];
    /** TRACE. */
    public static final Method TRACE = STANDARD[Methods.TRACE];
    /** PATCH (RFC 5789). */
    public static final Method PATCH = STANDARD[Methods.PATCH];

    private final String name;
    private final int ordinal;

    private Method(String name, int ordinal) {
        this.name = name;
        this.ordinal = ordinal;
    }

    /**
     * The method's ordinal: a small dense number for a standard method, {@code 0} for an extension method, so that
     * tables by method are arrays. Set once at construction.
     *
     * @return the ordinal, from 1 for the standard methods, 0 for others
     */
    public int ordinal() {
        return ordinal;
    }

    /**
     * The standard method of an id, for the engine that recognised it on the wire.
     *
     * @param id an ordinal, as {@link #ordinal()} gives
     * @return the constant, or {@code null} for {@code OTHER}
     */
    public static Method standard(int id) {
        return STANDARD[id];
    }

    /**
     * Returns the method with this exact (case-sensitive) name.
     *
     * @param name a method token, e.g. {@code "GET"} or {@code "PROPFIND"}
     * @return the standard constant, or a new instance for an extension method
     */
    public static Method of(String name) {
        Objects.requireNonNull(name, "name");
        for (int id = Methods.OTHER + 1; id < Methods.COUNT; id++) {
            if (STANDARD[id].name.equals(name)) {
                return STANDARD[id];
            }
        }
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("Not a method token: " + name);
        }
        return new Method(name, Methods.OTHER);
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
}
