package dev.pronto.examples;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class ExceptionsIT {
    private static ExampleServer server;

    @BeforeAll
    static void start() {
        server = ExampleServer.start(ExceptionsExample.app());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachTypeHasItsHandler() {
        HttpResponse<String> cat = server.get("/cat");
        assertThat(cat.statusCode()).isEqualTo(200);
        assertThat(cat.body()).isEqualTo("Just a kitty, meow");
        assertThat(server.get("/dog").body()).isEqualTo("Just a doggie, woof");
    }

    @Test
    void httpExceptionsCarryTheirStatus() {
        HttpResponse<String> teapot = server.get("/teapot");
        assertThat(teapot.statusCode()).isEqualTo(418);
        assertThat(teapot.body()).isEqualTo("I'm a teapot, not a coffee machine\n");
        HttpResponse<String> lost = server.get("/nowhere");
        assertThat(lost.statusCode()).isEqualTo(404);
        assertThat(lost.body()).isEqualTo("Are you lost, pal?\n");
        HttpResponse<String> wrongMethod = server.send(server.request("/cat")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void aProblemExceptionIsAProblemDocumentWithItsMembers() {
        HttpResponse<String> problem = server.get("/orders/7");
        assertThat(problem.statusCode()).isEqualTo(403);
        assertThat(problem.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(problem.body()).isEqualTo("{\"type\":\"https://example.com/probs/out-of-credit\","
                + "\"title\":\"You do not have enough credit\",\"status\":403,"
                + "\"detail\":\"Your balance is 30, but that costs 50\",\"instance\":\"/orders/7\","
                + "\"balance\":30,\"accounts\":[\"/account/12345\",\"/account/67890\"]}");
    }

    @Test
    void theRejectionHookDressesAHeadThatCouldNotBeParsed() throws Exception {
        try (RawClient raw = server.raw()) {
            RawClient.RawResponse r = raw.exchange("GET /cat HTTP/1.1\r\nHost: test\r\nBad Name: x\r\n\r\n");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).startsWith("Not even a request: ");
            assertThat(r.header("X-Rejected-By")).hasValue("pronto");
            assertThat(r.header("Connection")).hasValue("close");
        }
    }

    @Test
    void theCatchAllTakesTheRest() {
        assertThat(server.get("/divide/6/3").body()).isEqualTo("2");
        HttpResponse<String> byZero = server.get("/divide/1/0");
        assertThat(byZero.statusCode()).isEqualTo(500);
        assertThat(byZero.body()).isEqualTo("Something went wrong: ArithmeticException\n");
        assertThat(server.get("/divide/one/2").body()).isEqualTo("Something went wrong: NumberFormatException\n");
    }
}
