package dev.pronto;

import java.util.List;

/** The path has routes, but none for the request's method: 405 with an {@code Allow} header, in either form. */
public final class MethodNotAllowedException extends HttpException {
    private static final long serialVersionUID = 1L;

    /** The methods the path accepts. */
    private final String allow;

    /**
     * Creates the exception.
     *
     * @param method  the method that was refused
     * @param allowed the methods the path accepts
     */
    public MethodNotAllowedException(Method method, List<Method> allowed) {
        super(Status.METHOD_NOT_ALLOWED, "Method " + method + " not allowed");
        this.allow = String.join(", ", allowed.stream().map(Method::name).toList());
        withHeader("Allow", allow); // RFC 9110 §15.5.6: a 405 MUST carry Allow
    }

    /** @return the {@code Allow} header value, e.g. {@code GET, HEAD, POST} */
    public String allow() {
        return allow;
    }
}
