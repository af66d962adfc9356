package dev.pronto.app;

import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import dev.pronto.it.RawResponse;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** Stages that are not plain CompletableFutures, and handlers answering with a status that cannot be final. */
class StagesIT {
    private static final CompletableFuture<Response> LATER = new CompletableFuture<>();
    private static Server server;

    @BeforeAll
    static void start() {
        App app = new App()
                .get("/completed-stage", Handler.async(r -> CompletableFuture.completedStage(Response.text("a"))))
                .get("/minimal", Handler.async(r -> LATER.minimalCompletionStage()))
                .get("/custom", Handler.async(r -> wrapped(CompletableFuture.completedFuture(Response.text("c")))))
                .get("/informational/{code}", r -> Response.status(Integer.parseInt(r.pathParam("code"))))
                .get("/informational-async", Handler.async(r -> CompletableFuture.completedFuture(Response.status(103))))
                .get("/ok", r -> Response.text("ok"));
        server = app.start(Requests.localServer().build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A stage of someone else's making: toCompletableFuture is optional in CompletionStage's contract. */
    private static CompletionStage<Response> wrapped(CompletableFuture<Response> inner) {
        return (CompletionStage<Response>) java.lang.reflect.Proxy.newProxyInstance(StagesIT.class.getClassLoader(),
                new Class<?>[] {CompletionStage.class}, (proxy, method, args) -> {
                    if (method.getName().equals("toCompletableFuture")) {
                        throw new UnsupportedOperationException();
                    }
                    return method.invoke(inner, args);
                });
    }

    @Test
    void completedAndMinimalAndForeignStagesAreAnswered() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send(Requests.get("/completed-stage") + Requests.get("/minimal") + Requests.get("/custom")
                    + Requests.get("/ok"));
            LATER.complete(Response.text("b"));
            List<RawResponse> rs = c.readResponses(4);
            assertThat(rs).extracting(RawResponse::bodyText).containsExactly("a", "b", "c", "ok");
        }
    }

    @Test
    void anInformationalStatusAsTheFinalAnswerIs500AndTheConnectionGoesOn() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send(Requests.get("/informational/103") + Requests.get("/informational/100")
                    + Requests.get("/informational-async") + Requests.get("/ok"));
            List<RawResponse> rs = c.readResponses(4);
            assertThat(rs).extracting(RawResponse::status).containsExactly(500, 500, 500, 200);
        }
    }
}
