package dev.pronto;


import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link HttpException} answered as an RFC 9457 problem details document ({@code application/problem+json})
 * whatever the app's {@link App#problemDetails(boolean) setting}, with the members a client can act on: a
 * {@code type} URI naming the kind of problem, a {@code title}, an {@code instance} and extension members.
 *
 * <pre>{@code
 * throw new ProblemException(403, "Your balance is 30, but that costs 50")
 *         .withType("https://example.com/probs/out-of-credit")
 *         .withTitle("You do not have enough credit")
 *         .with("balance", 30)
 *         .with("accounts", List.of("/account/12345", "/account/67890"));
 * }</pre>
 *
 * answers
 *
 * <pre>{@code
 * {"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit","status":403,
 *  "detail":"Your balance is 30, but that costs 50","instance":"/orders","balance":30,
 *  "accounts":["/account/12345","/account/67890"]}
 * }</pre>
 *
 * <p>The {@code with…} methods change this exception and return it, to be chained where it is thrown.
 */
public class ProblemException extends HttpException {
    private static final long serialVersionUID = 1L;
    private static final String ABOUT_BLANK = "about:blank";
    /** The members RFC 9457 §3.1 defines, which an extension member cannot replace. */
    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail", "instance");

    private String type = ABOUT_BLANK;
    private String title;    // null: the reason phrase for about:blank, none for another type
    private String instance; // null: the request's path
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    /**
     * Creates a problem of type {@code about:blank}.
     *
     * @param status the status, 200–599
     * @param detail an explanation for the client of this occurrence of the problem; {@code null} for the status's
     *               reason phrase
     * @throws IllegalArgumentException if the status is outside 200–599
     */
    public ProblemException(int status, String detail) {
        super(status, detail);
    }

    /**
     * Creates a problem of type {@code about:blank} whose detail is the status's reason phrase.
     *
     * @param status the status, 200–599
     * @throws IllegalArgumentException if the status is outside 200–599
     */
    public ProblemException(int status) {
        super(status);
    }

    /**
     * Sets the problem type, a URI reference that names the kind of problem (RFC 9457 §3.1.1).
     *
     * @param type the URI, e.g. {@code https://example.com/probs/out-of-credit}
     * @return this exception
     * @throws IllegalArgumentException if the value is not a URI reference
     */
    public ProblemException withType(String type) {
        this.type = uri(type, "type");
        return this;
    }

    /**
     * Sets the title, a short summary of the problem type (RFC 9457 §3.1.3). Without one, an {@code about:blank}
     * problem has the status's reason phrase as title and a problem of another type none.
     *
     * @param title the title
     * @return this exception
     */
    public ProblemException withTitle(String title) {
        this.title = Objects.requireNonNull(title, "title");
        return this;
    }

    /**
     * Sets the instance, a URI reference naming this occurrence of the problem (RFC 9457 §3.1.5); without one it is
     * the request's path.
     *
     * @param instance the URI reference
     * @return this exception
     * @throws IllegalArgumentException if the value is not a URI reference
     */
    public ProblemException withInstance(String instance) {
        this.instance = uri(instance, "instance");
        return this;
    }

    /**
     * Adds an extension member (RFC 9457 §3.2), written after the standard ones in the order added; adding a name
     * again replaces its value. RFC 9457 recommends names of three or more letters, digits and underscores that
     * start with a letter.
     *
     * @param name  the member name
     * @param value a {@code String}, {@code Number}, {@code Boolean}, {@code null}, or a {@code List}, {@code Map}
     *              (with string keys) or array of those, copied now; any other object is written now by the JSON
     *              module ({@code pronto-json}) when one is present
     * @return this exception
     * @throws IllegalArgumentException if the name is empty or one of {@code type}, {@code title}, {@code status},
     *                                  {@code detail}, {@code instance}; or if the value cannot be written as JSON (a
     *                                  NaN, another object without a JSON module)
     */
    public ProblemException with(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || STANDARD.contains(name)) {
            throw new IllegalArgumentException("\"" + name + "\" cannot be an extension member: the members "
                    + STANDARD + " are RFC 9457's own, set with the constructor and withType/withTitle/withInstance");
        }
        extensions.put(name, JsonMembers.member(value));
        return this;
    }

    @Override
    public ProblemException withHeader(String name, String value) {
        super.withHeader(name, value);
        return this;
    }

    /** @return the problem type, {@code about:blank} unless set */
    public String type() {
        return type;
    }

    /** @return the title set with {@link #withTitle}, if any */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** @return the instance set with {@link #withInstance}, if any */
    public Optional<String> instance() {
        return Optional.ofNullable(instance);
    }

    /**
     * The problem document without a request: the {@code instance} is the one set, if any.
     *
     * @return the {@code application/problem+json} response
     */
    @Override
    public Response toResponse() {
        return toProblem();
    }

    @Override
    Map<String, Object> problemMembers(String requestPath) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", type);
        String t = title != null ? title : type.equals(ABOUT_BLANK) ? Status.reasonPhrase(status()) : null;
        if (t != null) {
            members.put("title", t);
        }
        members.put("status", status());
        members.put("detail", getMessage());
        String i = instance != null ? instance : requestPath;
        if (i != null) {
            members.put("instance", i);
        }
        members.putAll(extensions);
        return members;
    }

    private static String uri(String value, String member) {
        Objects.requireNonNull(value, member);
        try {
            new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The problem's " + member + " is not a URI reference: "
                    + e.getMessage(), e);
        }
        return value;
    }
}
