package dev.pronto;

import java.util.Objects;

/**
 * The body is of a media type the handler cannot read: 415 with an {@code Accept} header naming what it can (RFC 9110
 * §15.5.16). {@link Request#json} throws it for a body that is not JSON; a handler may throw it for its own types.
 *
 * <pre>{@code
 * if (!request.mimeType().orElse("").equals("image/png")) {
 *     throw new UnsupportedMediaTypeException("image/png", "Send a PNG image");
 * }
 * }</pre>
 */
public final class UnsupportedMediaTypeException extends HttpException {
    private static final long serialVersionUID = 1L;

    /** The media types accepted, as the {@code Accept} header lists them. */
    private final String accept;

    /**
     * Creates the exception.
     *
     * @param accept  the media types that would be accepted, an {@code Accept} value such as {@code application/json}
     * @param message a short message for the client, best saying what to send
     */
    public UnsupportedMediaTypeException(String accept, String message) {
        super(Status.UNSUPPORTED_MEDIA_TYPE, message);
        this.accept = Objects.requireNonNull(accept, "accept");
        withHeader("Accept", accept); // on the plain answer and on the problem document alike
    }

    /** @return the {@code Accept} header value, e.g. {@code application/json} */
    public String accept() {
        return accept;
    }
}
