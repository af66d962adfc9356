package dev.pronto.json;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON over real sockets, through the service-loaded codec: round trips, 400 for bad bodies, the content type. */
class JsonIT {
    record Todo(String title, boolean done, LocalDate due) {
    }

    record Created(int count, Todo first) {
    }

    private static Server server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        App app = new App()
                .post("/echo", r -> Response.json(r.json(Todo.class)))
                .post("/todos", r -> {
                    List<Todo> todos = Json.read(r, new TypeReference<List<Todo>>() { });
                    return Json.response(201, new Created(todos.size(), todos.getFirst()));
                })
                .post("/title", r -> Json.response(Json.read(r, Todo.class).title()));
        server = app.start(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).build());
        // HTTP/1.1 explicitly: the client would otherwise offer an h2c upgrade.
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, "application/json", json);
    }

    /** A POST with a {@code Content-Type} ({@code null}: none). */
    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readsEveryJsonMediaTypeWhateverItsCaseAndParameters() throws Exception {
        String json = "{\"title\":\"t\",\"done\":true,\"due\":null}";
        for (String type : new String[] {"application/json; charset=utf-8", "Application/JSON",
            "application/problem+json", "application/vnd.api+json"}) {
            HttpResponse<String> response = post("/echo", type, json);
            assertThat(response.statusCode()).as(type).isEqualTo(200);
            assertThat(response.body()).as(type).isEqualTo(json);
        }
    }

    @Test
    void answers415WithAcceptForABodyThatIsNotJson() throws Exception {
        HttpResponse<String> response = post("/echo", "text/plain; charset=utf-8", "{\"title\":\"t\"}");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Accept")).contains("application/json");
        assertThat(response.body())
                .isEqualTo("Content-Type must be application/json or a +json type, got text/plain\n");
        assertThat(post("/echo", "application/x-www-form-urlencoded", "title=t").statusCode()).isEqualTo(415);
    }

    @Test
    void answers415WhenTheContentTypeIsAbsent() throws Exception {
        // RFC 9110 §8.3: without Content-Type, the body may be taken as application/octet-stream.
        HttpResponse<String> response = post("/echo", null, "{\"title\":\"t\"}");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Accept")).contains("application/json");
        assertThat(response.body()).isEqualTo("Content-Type must be application/json or a +json type, got none\n");
    }

    @Test
    void roundTripsARecordAsApplicationJson() throws Exception {
        String json = "{\"title\":\"write tests\",\"done\":false,\"due\":\"2025-06-30\"}";
        HttpResponse<String> response = post("/echo", json);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo(json);
    }

    @Test
    void answersInvalidJsonWith400AndAShortMessage() throws Exception {
        HttpResponse<String> response = post("/echo", "{\"title\": \"unterminated");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("Invalid JSON body: malformed JSON at line 1, column ").hasSizeLessThan(80);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void answersBodiesThatDoNotFitTheTypeWith400NamingTheField() throws Exception {
        assertThat(post("/echo", "{\"title\":\"x\",\"colour\":\"red\"}").body())
                .isEqualTo("Invalid JSON body: unknown field at $.colour\n");
        assertThat(post("/echo", "{\"title\":\"x\",\"due\":\"soon\"}").body())
                .isEqualTo("Invalid JSON body: unexpected value at $.due\n");
        HttpResponse<String> empty = post("/echo", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("Invalid JSON body: empty body\n");
    }

    @Test
    void readsGenericTypesAndAnswersWithAStatusThroughTheFacade() throws Exception {
        HttpResponse<String> response = post("/todos", "[{\"title\":\"a\",\"done\":true},{\"title\":\"b\",\"done\":false}]");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"count\":2,\"first\":{\"title\":\"a\",\"done\":true,\"due\":null}}");
        assertThat(post("/title", "{\"title\":\"plain string\"}").body()).isEqualTo("\"plain string\"");
    }
}
