package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.FilePart;
import dev.pronto.Request;
import dev.pronto.Response;

import java.util.Optional;
import java.util.UUID;

/**
 * Everything a {@link Request} tells, as plain text: {@code /basic} the request line, query and headers,
 * {@code /body} the body as text, form fields and uploaded files, {@code /misc/{name}} the matched route, path
 * parameters, host, client address and cookies; {@code /orders}, {@code /orders/{id}} and {@code /subscribe} typed
 * parameters (a value that does not convert is a 400 naming it).
 */
final class RequestExample {
    /** What {@code /orders?status=} filters on. */
    enum OrderStatus { OPEN, SHIPPED }

    private RequestExample() {
    }

    static App app() {
        App app = new App();
        app.route("/basic", RequestExample::basic);
        app.route("/body", RequestExample::body);
        app.route("/misc/{name}", RequestExample::misc);
        typedParameters(app);
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

    static void typedParameters(App app) {
        app.get("/orders", request -> {
            int page = request.queryParams().get("page", int.class, 1);                             // 1 when absent
            Optional<OrderStatus> status = request.queryParams().get("status", OrderStatus.class); // empty if absent
            return Response.text("page " + page + ", " + status.map(Enum::name).orElse("any status") + "\n");
        });
        app.get("/orders/{id}", request -> Response.text("order " + request.pathParam("id", UUID.class) + "\n"));
        app.post("/subscribe", request ->
                Response.text("news: " + request.form().get("news", boolean.class, false) + "\n"));
    }
}
