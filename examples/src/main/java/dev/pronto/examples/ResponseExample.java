package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.Cookie;
import dev.pronto.HttpException;
import dev.pronto.Response;
import dev.pronto.Status;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every kind of {@link Response}: text, text in another charset, JSON, HTML, bytes, any status code, custom headers,
 * cookies with attributes and redirects. Responses are immutable: each {@code with…} call returns a new one, so a
 * fixed response can be a constant.
 */
final class ResponseExample {
    private static final Response TEXT = Response.text("Hello world!");

    /** Any record, map, list, string or number can be a JSON body. */
    record Greeting(String hello, List<Integer> primes) {
    }

    private ResponseExample() {
    }

    static App app() {
        App app = new App();
        app.get("/text", request -> TEXT);
        app.get("/encoding/{charset}", request ->
                Response.text("Já pronto!", "text/plain", charset(request.pathParam("charset"))));
        app.get("/json", request -> Response.json(new Greeting("world", List.of(2, 3, 5, 7))));
        app.get("/html", request -> Response.html("<!doctype html><h1>Já pronto!</h1>"));
        app.get("/bytes", request -> Response.bytes(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}));
        app.get("/mime", request -> Response.text("a,b\n1,2\n").withContentType(
                request.queryParams().first("type").orElse("text/csv")));
        app.get("/code/{code}", request -> {
            int code = code(request.pathParam("code"));
            // 204 and 304 responses end after their headers (RFC 9110 §15.3.5, §15.4.5).
            return code == 204 || code == 304 ? Response.status(code)
                    : Response.text(code, code + " " + Status.reasonPhrase(code) + "\n");
        });
        app.get("/headers", request -> Response.text("Look at the headers")
                .withHeader("X-Header", "Value")
                .withHeader("Cache-Control", "no-store")
                .withHeader("Refresh", "5; url=/text"));
        app.get("/cookies", request -> Response.text("Cookies set")
                .withCookie(Cookie.of("hello", "world").withPath("/").withMaxAge(Duration.ofHours(1)))
                .withCookie(Cookie.of("session", "s3cr3t").withPath("/").secure().httpOnly()
                        .withSameSite(Cookie.SameSite.STRICT))
                .withCookie(Cookie.delete("old")));
        app.get("/redirect", request -> Response.redirect("/text"));                           // 302
        app.get("/moved", request -> Response.redirect(Status.MOVED_PERMANENTLY, "/text"));    // 301
        // Sent from the file with sendfile; ETag, Last-Modified, 304 and Range come with it.
        app.get("/readme", request -> Response.file(Path.of("README.md")));
        return app;
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new HttpException(Status.BAD_REQUEST, "Unknown charset " + name);
        }
    }

    private static int code(String digits) {
        try {
            int code = Integer.parseInt(digits);
            // 1xx are interim responses (RFC 9110 §15.2): a client waits for a final one after them.
            if (code >= 200 && code <= 599) {
                return code;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new HttpException(Status.BAD_REQUEST, "A final status code is a number from 200 to 599");
    }
}
