package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.UUID;

import static dev.pronto.it.Requests.ascii;
import static dev.pronto.it.Requests.concat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Typed query parameters, form fields and path parameters over real sockets: the values a handler gets, and the 400
 * whose text names the parameter, where it came from and the type.
 */
@Timeout(30)
class TypedParamsIT {
    enum Status { OPEN, DONE }

    private static Server server;

    @BeforeAll
    static void start() {
        App app = new App()
                .get("/orders", r -> Response.text("page " + r.queryParams().get("page", int.class, 1)
                        + " size " + r.queryParams().get("size", long.class, 20L)
                        + " status " + r.queryParams().get("status", Status.class).map(Enum::name).orElse("any")
                        + " full " + r.queryParams().get("full", boolean.class, false)))
                .get("/orders/{id}", r -> Response.text("order " + r.pathParam("id", UUID.class)))
                .get("/pages/{n}/{status}", r -> Response.text(r.pathParam("n", int.class) + 1 + " "
                        + r.pathParam("status", Status.class)))
                .post("/subscribe", r -> Response.text("subscribe " + r.form().get("news", boolean.class, false)
                        + " age " + r.form().get("age", int.class).orElse(-1)));
        server = app.start(Requests.localServer().build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawResponse send(byte[] request) throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            return c.send(request).readResponse();
        }
    }

    private static RawResponse get(String target) throws Exception {
        return send(ascii(Requests.get(target)));
    }

    private static RawResponse form(String body) throws Exception {
        return send(concat(ascii("POST /subscribe HTTP/1.1\r\nHost: test\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n"),
                ascii(body)));
    }

    @Test
    void convertsQueryParametersWithDefaultsWhereAbsent() throws Exception {
        assertThat(get("/orders").bodyText()).isEqualTo("page 1 size 20 status any full false");
        assertThat(get("/orders?page=3&size=-5&status=done&full=on").bodyText())
                .isEqualTo("page 3 size -5 status DONE full true");
    }

    @Test
    void answers400NamingTheQueryParameterAndTheType() throws Exception {
        RawResponse r = get("/orders?page=abc");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.bodyText()).isEqualTo("Query parameter 'page' must be an integer, got \"abc\"\n");
        assertThat(get("/orders?page=").bodyText())
                .isEqualTo("Query parameter 'page' must be an integer, got \"\"\n");
        assertThat(get("/orders?status=lost").bodyText())
                .isEqualTo("Query parameter 'status' must be one of OPEN, DONE, got \"lost\"\n");
        assertThat(get("/orders?full=%20").bodyText())
                .isEqualTo("Query parameter 'full' must be true or false (or on/off, yes/no, 1/0), got \" \"\n");
    }

    @Test
    void convertsPathParametersAndAnswers400NamingThem() throws Exception {
        assertThat(get("/orders/123e4567-e89b-12d3-a456-426614174000").bodyText())
                .isEqualTo("order 123e4567-e89b-12d3-a456-426614174000");
        assertThat(get("/pages/41/open").bodyText()).isEqualTo("42 OPEN");
        RawResponse bad = get("/orders/x");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.bodyText()).isEqualTo("Path parameter 'id' must be a UUID, got \"x\"\n");
        assertThat(get("/pages/99999999999/open").bodyText()).isEqualTo(
                "Path parameter 'n' must be an integer from -2147483648 to 2147483647, got \"99999999999\"\n");
    }

    @Test
    void convertsFormFieldsAndAnswers400NamingThem() throws Exception {
        assertThat(form("news=on&age=30").bodyText()).isEqualTo("subscribe true age 30");
        assertThat(form("").bodyText()).isEqualTo("subscribe false age -1");
        RawResponse bad = form("news=on&age=old");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.bodyText()).isEqualTo("Form field 'age' must be an integer, got \"old\"\n");
    }

    @Test
    void namesMultipartFieldsAsFormFields() throws Exception {
        String body = "--b\r\nContent-Disposition: form-data; name=\"age\"\r\n\r\nold\r\n--b--\r\n";
        RawResponse r = send(concat(ascii("POST /subscribe HTTP/1.1\r\nHost: test\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + body.length() + "\r\n\r\n"),
                ascii(body)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.bodyText()).isEqualTo("Form field 'age' must be an integer, got \"old\"\n");
    }
}
