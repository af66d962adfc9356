package dev.pronto;

/**
 * What an app does with a path that has no route while the same path with its trailing slash added or removed has
 * one ({@code /a/} and {@code /a}); set with {@link App#trailingSlash}. A path whose own form has a route always
 * reaches that route, so an app may register both forms under any policy; only one slash is ever added or removed,
 * and the root {@code /} is never altered.
 */
public enum TrailingSlash {
    /** The two forms are different paths: the one without a route is answered 404. The default. */
    STRICT,
    /**
     * The form without a route is answered {@code 308 Permanent Redirect} to the other, its query kept as sent; a
     * 308, unlike a 301, makes the client repeat the same method and body (RFC 9110 §15.4.9), so a POST stays a POST.
     */
    REDIRECT,
    /** The form without a route reaches the other form's route directly; {@link Request#path()} is the path as sent. */
    EQUIVALENT
}
