package dev.pronto;

/**
 * An exception that maps to an HTTP status: throw it from a handler (or let the framework throw it, for 404, 405,
 * malformed input such as a bad percent-escape, and the engine's own refusals such as 413) and the client gets that
 * status with the message as a short plain-text body, unless an error handler registered with {@link App#exception}
 * answers it differently.
 *
 * <pre>{@code
 * app.get("/users/{id}", request -> {
 *     User user = users.find(request.pathParam("id"));
 *     if (user == null) throw new HttpException(404, "No such user");
 *     return Response.text(user.name());
 * });
 * }</pre>
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The status, 200–599. */
    private final int status;

    /**
     * Creates an exception answered with a status.
     *
     * @param status  the status, 200–599
     * @param message a short message for the client; {@code null} for the status's reason phrase
     * @throws IllegalArgumentException if the status is outside 200–599
     */
    public HttpException(int status, String message) {
        super(message != null ? message : Status.reasonPhrase(Status.requireFinal(status)));
        this.status = Status.requireFinal(status);
    }

    /**
     * Creates an exception answered with a status and its reason phrase.
     *
     * @param status the status, 200–599
     * @throws IllegalArgumentException if the status is outside 200–599
     */
    public HttpException(int status) {
        this(status, null);
    }

    /** @return the status the client gets */
    public int status() {
        return status;
    }

    /**
     * The response the framework sends when no error handler takes this exception: the status, with the message as
     * a plain-text body. Subclasses may add headers (405 adds {@code Allow}).
     *
     * @return the response
     */
    public Response toResponse() {
        return Response.text(status, getMessage() + "\n");
    }
}
