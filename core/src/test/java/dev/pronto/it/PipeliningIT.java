package dev.pronto.it;

import dev.pronto.AsyncHandler;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;

/** Pipelined requests on one connection are all answered, in request order, whatever order handlers finish in. */
@Timeout(30)
class PipeliningIT {
    private static final Handler PATH_ECHO = request -> Response.text(request.path());

    @Test
    void answersAThousandPipelinedRequestsInOrder() throws Exception {
        try (Server server = Server.start(localServer().build(), PATH_ECHO);
             RawClient client = RawClient.connect(server.port())) {
            client.send(pipelineOf(1000)); // one write of about 30 KB

            List<RawResponse> responses = client.readResponses(1000);

            for (int i = 0; i < 1000; i++) {
                assertThat(responses.get(i).status()).as("status of response %d", i).isEqualTo(200);
                assertThat(responses.get(i).bodyText()).as("body of response %d", i).isEqualTo("/" + i);
            }
        }
    }

    @Test
    void answersMixOfSlowAndImmediateAsyncResponsesInRequestOrder() throws Exception {
        AsyncHandler handler = request -> {
            String path = request.path();
            int i = Integer.parseInt(path.substring(1));
            if (i % 3 == 0) {
                return CompletableFuture.completedFuture(Response.text(path));
            }
            // Later requests finish sooner: the slow ones overtake each other on the delayed executor.
            long delay = 5 + (40 - i) * 2L;
            return CompletableFuture.supplyAsync(() -> Response.text(path),
                    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        };
        try (Server server = Server.startAsync(localServer().build(), handler);
             RawClient client = RawClient.connect(server.port())) {
            client.send(pipelineOf(40));

            List<RawResponse> responses = client.readResponses(40);

            assertThat(responses).extracting(RawResponse::bodyText).containsExactlyElementsOf(paths(40));
        }
    }

    @Test
    void answersInRequestOrderWhenStagesCompleteInReverse() throws Exception {
        int n = 10;
        List<CompletableFuture<Response>> stages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stages.add(new CompletableFuture<>());
        }
        CountDownLatch allInvoked = new CountDownLatch(n);
        AsyncHandler handler = request -> {
            CompletableFuture<Response> stage = stages.get(Integer.parseInt(request.path().substring(1)));
            allInvoked.countDown();
            return stage;
        };
        try (Server server = Server.startAsync(localServer().build(), handler);
             RawClient client = RawClient.connect(server.port())) {
            client.send(pipelineOf(n));
            assertThat(allInvoked.await(5, TimeUnit.SECONDS)).as("all %d requests reach the handler", n).isTrue();

            for (int i = n - 1; i >= 0; i--) {
                stages.get(i).complete(Response.text("/" + i));
            }
            List<RawResponse> responses = client.readResponses(n);

            assertThat(responses).extracting(RawResponse::bodyText).containsExactlyElementsOf(paths(n));
        }
    }

    @Test
    void answersThrowingSyncHandlerWith500AndKeepsServingThePipeline() throws Exception {
        Handler handler = request -> {
            if (request.path().equals("/boom")) {
                throw new IllegalStateException("handler failure on purpose");
            }
            return Response.text(request.path());
        };
        try (Server server = Server.start(localServer().build(), handler);
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/a") + get("/boom") + get("/b"));

            List<RawResponse> responses = client.readResponses(3);

            assertThat(responses).extracting(RawResponse::status).containsExactly(200, 500, 200);
            assertThat(responses.get(1).closes()).as("a 500 keeps the connection").isFalse();
            assertThat(responses.get(2).bodyText()).isEqualTo("/b");
            client.send(get("/c"));
            assertThat(client.readResponse().bodyText()).isEqualTo("/c");
        }
    }

    @Test
    void answersFailedStagesWith500AndKeepsServingThePipeline() throws Exception {
        AsyncHandler handler = request -> {
            String path = request.path();
            return switch (path) {
                case "/failed-now" -> CompletableFuture.failedFuture(new IllegalStateException("on purpose"));
                case "/failed-later" -> CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("on purpose, later");
                }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
                case "/thrown" -> throw new IllegalStateException("thrown before any stage");
                default -> CompletableFuture.completedFuture(Response.text(path));
            };
        };
        try (Server server = Server.startAsync(localServer().build(), handler);
             RawClient client = RawClient.connect(server.port())) {
            client.send(get("/a") + get("/failed-now") + get("/b") + get("/failed-later") + get("/thrown")
                    + get("/c"));

            List<RawResponse> responses = client.readResponses(6);

            assertThat(responses).extracting(RawResponse::status).containsExactly(200, 500, 200, 500, 500, 200);
            assertThat(responses).extracting(RawResponse::closes).containsOnly(false);
            assertThat(responses.get(5).bodyText()).isEqualTo("/c");
            client.send(get("/d"));
            assertThat(client.readResponse().bodyText()).isEqualTo("/d");
        }
    }

    @Test
    void survivesFiftyPipelinedAsyncRequests() throws Exception {
        // Japronto crashed past ten pipelined requests answered asynchronously.
        AsyncHandler handler = request -> {
            String path = request.path();
            long delay = Integer.parseInt(path.substring(1)) % 7;
            return CompletableFuture.supplyAsync(() -> Response.text(path),
                    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        };
        try (Server server = Server.startAsync(localServer().build(), handler);
             RawClient client = RawClient.connect(server.port())) {
            client.send(pipelineOf(50));

            List<RawResponse> responses = client.readResponses(50);

            assertThat(responses).extracting(RawResponse::status).containsOnly(200);
            assertThat(responses).extracting(RawResponse::bodyText).containsExactlyElementsOf(paths(50));
            client.send(pipelineOf(50));
            assertThat(client.readResponses(50)).extracting(RawResponse::bodyText)
                    .containsExactlyElementsOf(paths(50));
        }
    }

    private static String pipelineOf(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(get("/" + i));
        }
        return s.toString();
    }

    private static List<String> paths(int n) {
        List<String> paths = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            paths.add("/" + i);
        }
        return paths;
    }
}
