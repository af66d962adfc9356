package dev.pronto;

/**
 * HTTP status codes (RFC 9110 §15) and their reason phrases. A response may carry any final status, 200 to 599;
 * codes without a registered phrase get a generic one for their class. Informational (1xx) statuses are the
 * engine's own (100 Continue).
 */
public final class Status {
    /** 100 Continue. */
    public static final int CONTINUE = 100;
    /** 200 OK. */
    public static final int OK = 200;
    /** 201 Created. */
    public static final int CREATED = 201;
    /** 204 No Content. */
    public static final int NO_CONTENT = 204;
    /** 301 Moved Permanently. */
    public static final int MOVED_PERMANENTLY = 301;
    /** 302 Found. */
    public static final int FOUND = 302;
    /** 303 See Other. */
    public static final int SEE_OTHER = 303;
    /** 304 Not Modified. */
    public static final int NOT_MODIFIED = 304;
    /** 307 Temporary Redirect. */
    public static final int TEMPORARY_REDIRECT = 307;
    /** 308 Permanent Redirect. */
    public static final int PERMANENT_REDIRECT = 308;
    /** 400 Bad Request. */
    public static final int BAD_REQUEST = 400;
    /** 401 Unauthorized. */
    public static final int UNAUTHORIZED = 401;
    /** 403 Forbidden. */
    public static final int FORBIDDEN = 403;
    /** 404 Not Found. */
    public static final int NOT_FOUND = 404;
    /** 405 Method Not Allowed. */
    public static final int METHOD_NOT_ALLOWED = 405;
    /** 408 Request Timeout. */
    public static final int REQUEST_TIMEOUT = 408;
    /** 413 Content Too Large. */
    public static final int CONTENT_TOO_LARGE = 413;
    /** 414 URI Too Long. */
    public static final int URI_TOO_LONG = 414;
    /** 415 Unsupported Media Type. */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** 417 Expectation Failed. */
    public static final int EXPECTATION_FAILED = 417;
    /** 431 Request Header Fields Too Large. */
    public static final int REQUEST_HEADER_FIELDS_TOO_LARGE = 431;
    /** 500 Internal Server Error. */
    public static final int INTERNAL_SERVER_ERROR = 500;
    /** 501 Not Implemented. */
    public static final int NOT_IMPLEMENTED = 501;
    /** 503 Service Unavailable. */
    public static final int SERVICE_UNAVAILABLE = 503;
    /** 505 HTTP Version Not Supported. */
    public static final int HTTP_VERSION_NOT_SUPPORTED = 505;

    private static final String[] PHRASES = new String[600];

    static {
        String[] table = {
            "100", "Continue", "101", "Switching Protocols", "102", "Processing", "103", "Early Hints",
            "200", "OK", "201", "Created", "202", "Accepted", "203", "Non-Authoritative Information",
            "204", "No Content", "205", "Reset Content", "206", "Partial Content", "207", "Multi-Status",
            "208", "Already Reported", "226", "IM Used",
            "300", "Multiple Choices", "301", "Moved Permanently", "302", "Found", "303", "See Other",
            "304", "Not Modified", "305", "Use Proxy", "307", "Temporary Redirect", "308", "Permanent Redirect",
            "400", "Bad Request", "401", "Unauthorized", "402", "Payment Required", "403", "Forbidden",
            "404", "Not Found", "405", "Method Not Allowed", "406", "Not Acceptable",
            "407", "Proxy Authentication Required", "408", "Request Timeout", "409", "Conflict", "410", "Gone",
            "411", "Length Required", "412", "Precondition Failed", "413", "Content Too Large",
            "414", "URI Too Long", "415", "Unsupported Media Type", "416", "Range Not Satisfiable",
            "417", "Expectation Failed", "418", "I'm a teapot", "421", "Misdirected Request",
            "422", "Unprocessable Content", "423", "Locked", "424", "Failed Dependency", "425", "Too Early",
            "426", "Upgrade Required", "428", "Precondition Required", "429", "Too Many Requests",
            "431", "Request Header Fields Too Large", "451", "Unavailable For Legal Reasons",
            "500", "Internal Server Error", "501", "Not Implemented", "502", "Bad Gateway",
            "503", "Service Unavailable", "504", "Gateway Timeout", "505", "HTTP Version Not Supported",
            "506", "Variant Also Negotiates", "507", "Insufficient Storage", "508", "Loop Detected",
            "510", "Not Extended", "511", "Network Authentication Required",
        };
        for (int i = 0; i < table.length; i += 2) {
            PHRASES[Integer.parseInt(table[i])] = table[i + 1];
        }
        String[] generic = {"Informational", "Success", "Redirection", "Client Error", "Server Error"};
        for (int code = 100; code < 600; code++) {
            if (PHRASES[code] == null) {
                PHRASES[code] = generic[code / 100 - 1];
            }
        }
    }

    private Status() {
    }

    /**
     * Returns the reason phrase sent with a status code.
     *
     * @param code a status code from 100 to 599
     * @return its registered phrase, or a generic one for its class
     * @throws IllegalArgumentException if the code is outside 100–599
     */
    public static String reasonPhrase(int code) {
        requireValid(code);
        return PHRASES[code];
    }

    static int requireValid(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("Status code must be in [100, 599], was " + code);
        }
        return code;
    }

    /**
     * Checks the status of a response or an {@link HttpException}: RFC 9110 §15.2, an informational (1xx) status
     * is interim, never the final answer to a request, so it is refused when built rather than failing when sent.
     */
    static int requireFinal(int code) {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("A response status must be in [200, 599] (1xx are interim), was "
                    + code);
        }
        return code;
    }
}
