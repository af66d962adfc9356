package dev.pronto;

import dev.pronto.http.JsonText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An exception that maps to an HTTP status: throw it from a handler (or let the framework throw it, for 404, 405,
 * malformed input such as a bad percent-escape, and the engine's own refusals such as 413) and the client gets that
 * status with the message, unless an error handler registered with {@link App#exception} answers it differently.
 * The message goes as a short plain-text body ({@link #toResponse()}), or, in an app with
 * {@link App#problemDetails(boolean) problem details} on, as the {@code detail} of an RFC 9457
 * {@code application/problem+json} document ({@link #toProblem(Request)}). Headers added with
 * {@link #withHeader} are on both forms; a {@link ProblemException} is always answered as a problem document.
 *
 * <pre>{@code
 * app.get("/users/{id}", request -> {
 *     User user = users.find(request.pathParam("id"));
 *     if (user == null) throw new HttpException(404, "No such user");
 *     return Response.text(user.name());
 * });
 * throw new HttpException(429, "Slow down").withHeader("Retry-After", "10");
 * }</pre>
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The media type of a problem details document (RFC 9457 §6.1). */
    static final String PROBLEM_JSON = "application/problem+json";

    /** The status, 200–599. */
    private final int status;
    /** Header fields for the response, in order: name, value, name, value… */
    private final List<String> fields = new ArrayList<>(0);

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
     * Adds a header field to the response this exception is answered with, in either form; a name may be repeated.
     *
     * @param name  a header name (a token), not one the server manages ({@code Content-Length}, {@code Content-Type}…)
     * @param value the value, without CR, LF or other control characters
     * @return this exception
     * @throws IllegalArgumentException as {@link Response#withHeader} would
     */
    public HttpException withHeader(String name, String value) {
        Response.checkName(name);
        Response.checkValue(value); // both checked before either is kept: a refused field leaves no half pair
        fields.add(name);
        fields.add(value);
        return this;
    }

    /** @return the header fields added with {@link #withHeader}, in order, as an unmodifiable list */
    public List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> list = new ArrayList<>(fields.size() / 2);
        for (int i = 0; i < fields.size(); i += 2) {
            list.add(Map.entry(fields.get(i), fields.get(i + 1)));
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * The plain-text answer: what the framework sends when no error handler takes this exception and the app does
     * not use {@link App#problemDetails(boolean) problem details}. It is the status, the message and a newline as a
     * {@code text/plain} body, and the {@link #withHeader headers} (a 405's {@code Allow}).
     *
     * @return the response
     */
    public Response toResponse() {
        return withFields(Response.text(status, getMessage() + "\n"));
    }

    /**
     * The problem details answer (RFC 9457): what the framework sends when no error handler takes this exception
     * and the app uses {@link App#problemDetails(boolean) problem details}, or this is a {@link ProblemException}.
     * An {@code application/problem+json} document with {@code type} {@code about:blank}, the status's reason
     * phrase as {@code title}, the {@code status}, the message as {@code detail}, and the request's path, as sent,
     * as {@code instance}; with the {@link #withHeader headers}.
     *
     * @param request the request answered
     * @return the response
     */
    public Response toProblem(Request request) {
        return problem(Objects.requireNonNull(request, "request").path());
    }

    /**
     * The problem details answer without a request, so without {@code instance}: for a rejection of input that
     * never became a request (see {@link App#rejection}).
     *
     * @return the response
     */
    public Response toProblem() {
        return problem(null);
    }

    private Response problem(String instance) {
        String json = JsonText.write(problemMembers(instance));
        return withFields(Response.text(status, json).withContentType(PROBLEM_JSON));
    }

    /**
     * The members of this exception's problem document, in the order written.
     *
     * @param instance the request's path, or {@code null} without a request
     */
    Map<String, Object> problemMembers(String instance) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", "about:blank");
        members.put("title", Status.reasonPhrase(status));
        members.put("status", status);
        members.put("detail", getMessage());
        if (instance != null) {
            members.put("instance", instance);
        }
        return members;
    }

    private Response withFields(Response response) {
        for (int i = 0; i < fields.size(); i += 2) {
            response = response.withHeader(fields.get(i), fields.get(i + 1));
        }
        return response;
    }
}
