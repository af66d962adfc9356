package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.FilePart;
import dev.pronto.Request;
import dev.pronto.Response;

/**
 * Everything a {@link Request} tells, as plain text: {@code /basic} the request line, query and headers,
 * {@code /body} the body as text, form fields and uploaded files, {@code /misc/{name}} the matched route, path
 * parameters, host, client address and cookies.
 */
final class RequestExample {
    private RequestExample() {
    }

    static App app() {
        App app = new App();
        app.route("/basic", RequestExample::basic);
        app.route("/body", RequestExample::body);
        app.route("/misc/{name}", RequestExample::misc);
        return app;
    }

    static Response basic(Request request) {
        StringBuilder text = new StringBuilder("Basic request properties:\n")
                .append("  Method: ").append(request.method()).append('\n')
                .append("  Target: ").append(request.target()).append('\n')
                .append("  Path: ").append(request.path()).append('\n')
                .append("  HTTP version: ").append(request.version()).append('\n')
                .append("  Query string: ").append(request.query().orElse("(none)")).append('\n')
                .append("  Query: ").append(request.queryParams().asMap()).append('\n')
                .append("Headers:\n");
        for (String name : request.headerNames()) {
            text.append("  ").append(name).append(": ").append(request.header(name).orElseThrow()).append('\n');
        }
        return Response.text(text.toString());
    }

    static Response body(Request request) {
        StringBuilder text = new StringBuilder("Body related properties:\n")
                .append("  Mime type: ").append(request.mimeType().orElse("(none)")).append('\n')
                .append("  Charset: ").append(request.charset().map(Object::toString).orElse("(none)")).append('\n')
                .append("  Length: ").append(request.bodyLength()).append('\n');
        if (!request.mimeType().orElse("").startsWith("multipart/")) {
            text.append("  Text: ").append(request.text()).append('\n');
        }
        text.append("  Form: ").append(request.form().asMap()).append('\n');
        for (FilePart file : request.files()) {
            text.append("  File: ").append(file.field()).append(" = ").append(file.filename())
                    .append(" (").append(file.contentType()).append(", ").append(file.size()).append(" bytes)\n");
        }
        return Response.text(text.toString());
    }

    static Response misc(Request request) {
        String text = "Miscellaneous:\n"
                + "  Matched route: " + request.route().orElse("(none)") + '\n'
                + "  Path parameters: " + request.pathParams() + '\n'
                + "  Name: " + request.pathParam("name") + '\n'
                + "  Host name: " + request.hostName().orElse("(none)") + '\n'
                + "  Host port: " + (request.hostPort().isPresent() ? request.hostPort().getAsInt() : "(none)") + '\n'
                + "  Remote address: " + request.remoteAddress().getAddress().getHostAddress() + '\n'
                + "  Keep-alive: " + request.keepAlive() + '\n'
                + "  Cookies: " + request.cookies() + '\n';
        return Response.text(text);
    }
}
