package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.test.ProntoApp;
import dev.pronto.test.ProntoExtension;
import dev.pronto.test.RawReply;
import dev.pronto.test.TestClient;
import dev.pronto.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
@ExtendWith(ProntoExtension.class)
class ExceptionsIT {
    @ProntoApp
    static App app() {
        return ExceptionsExample.app();
    }

    @Test
    void eachTypeHasItsHandler(TestClient client) {
        TestResponse cat = client.get("/cat").send();
        assertThat(cat.status()).isEqualTo(200);
        assertThat(cat.text()).isEqualTo("Just a kitty, meow");
        assertThat(client.get("/dog").send().text()).isEqualTo("Just a doggie, woof");
    }

    @Test
    void httpExceptionsCarryTheirStatus(TestClient client) {
        TestResponse teapot = client.get("/teapot").send();
        assertThat(teapot.status()).isEqualTo(418);
        assertThat(teapot.text()).isEqualTo("I'm a teapot, not a coffee machine\n");
        TestResponse lost = client.get("/nowhere").send();
        assertThat(lost.status()).isEqualTo(404);
        assertThat(lost.text()).isEqualTo("Are you lost, pal?\n");
        TestResponse wrongMethod = client.post("/cat").send();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void aProblemExceptionIsAProblemDocumentWithItsMembers(TestClient client) {
        TestResponse problem = client.get("/orders/7").send();
        assertThat(problem.status()).isEqualTo(403);
        assertThat(problem.header("content-type")).hasValue("application/problem+json");
        assertThat(problem.text()).isEqualTo("{\"type\":\"https://example.com/probs/out-of-credit\","
                + "\"title\":\"You do not have enough credit\",\"status\":403,"
                + "\"detail\":\"Your balance is 30, but that costs 50\",\"instance\":\"/orders/7\","
                + "\"balance\":30,\"accounts\":[\"/account/12345\",\"/account/67890\"]}");
    }

    @Test
    void theRejectionHookDressesAHeadThatCouldNotBeParsed(TestClient client) {
        RawReply reply = client.raw("GET /cat HTTP/1.1\r\nHost: test\r\nBad Name: x\r\n\r\n");
        assertThat(reply.closed()).isTrue();
        TestResponse r = reply.response();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).startsWith("Not even a request: ");
        assertThat(r.header("X-Rejected-By")).hasValue("pronto");
        assertThat(r.header("Connection")).hasValue("close");
    }

    @Test
    void theCatchAllTakesTheRest(TestClient client) {
        assertThat(client.get("/divide/6/3").send().text()).isEqualTo("2");
        TestResponse byZero = client.get("/divide/1/0").send();
        assertThat(byZero.status()).isEqualTo(500);
        assertThat(byZero.text()).isEqualTo("Something went wrong: ArithmeticException\n");
        assertThat(client.get("/divide/one/2").send().text())
                .isEqualTo("Something went wrong: NumberFormatException\n");
    }
}
