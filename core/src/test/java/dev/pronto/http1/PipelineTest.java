package dev.pronto.http1;

import dev.pronto.Response;
import dev.pronto.parser.RequestHead;
import dev.pronto.response.ResponseEncoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline queue on its own: request order, the limit on what waits, handler deadlines, closing. */
class PipelineTest {
    private static final long TIMEOUT = 1_000;
    private static final long NEVER = Long.MAX_VALUE / 4;
    private static final int MODE = ResponseEncoder.KEEP_ALIVE_DEFAULT;

    /**
     * Each script: requests 0..n-1 answered later ('L') or ready at once ('R', queued only when something waits), then
     * the later ones completed in the order given (by their rank among the later ones); what leaves must always be a prefix of the requests, in order.
     */
    @Test
    void releasesResponsesInRequestOrderWhateverOrderTheyComeIn() {
        String[][] scripts = {{"L", "0"}, {"LR", "0"}, {"LLL", "210"}, {"LRLR", "10"}, {"LLRL", "21", "0"},
                {"RLL", "10"}, {"LLLL", "3120"}};
        for (String[] script : scripts) {
            Pipeline pipeline = new Pipeline(100, TIMEOUT);
            List<Response> out = new ArrayList<>();
            List<PendingResponse> later = new ArrayList<>();
            Response[] responses = new Response[script[0].length()];
            for (int i = 0; i < responses.length; i++) {
                responses[i] = Response.text("r" + i);
                if (script[0].charAt(i) == 'L') {
                    later.add(pipeline.await(request(), false, MODE));
                } else if (pipeline.isEmpty()) {
                    out.add(responses[i]); // encoded at once
                } else {
                    pipeline.addReady(responses[i], false, MODE, null);
                }
            }
            for (int s = 1; s < script.length; s++) {
                for (char c : script[s].toCharArray()) {
                    PendingResponse slot = later.get(c - '0');
                    slot.complete(responseOf(responses, script[0], c - '0'));
                    PendingResponse p;
                    while ((p = pipeline.nextReady()) != null) {
                        out.add(p.response);
                    }
                }
            }
            assertThat(out).as(String.join(" ", script)).containsExactly(responses);
            assertThat(pipeline.isEmpty()).isTrue();
        }
    }

    @Test
    void isFullAtItsLimitAndNotBefore() {
        Pipeline pipeline = new Pipeline(3, TIMEOUT);
        assertThat(pipeline.full()).isFalse();
        PendingResponse first = pipeline.await(request(), false, MODE);
        pipeline.addReady(Response.text("b"), false, MODE, null);
        assertThat(pipeline.full()).isFalse();
        pipeline.addContinue();
        assertThat(pipeline.full()).isTrue();

        first.complete(Response.text("a"));
        assertThat(pipeline.nextReady()).isSameAs(first);
        assertThat(pipeline.full()).isFalse();
        assertThat(pipeline.nextReady().response.bodyLength()).isEqualTo(1);
        assertThat(pipeline.nextReady().interim).isTrue();
        assertThat(pipeline.nextReady()).isNull();
    }

    @Test
    void theOldestHandlerStillRunningSetsTheDeadline() {
        Pipeline pipeline = new Pipeline(100, TIMEOUT);
        assertThat(pipeline.handlerDeadline(NEVER)).isEqualTo(NEVER);
        PendingResponse a = started(pipeline, 10);
        PendingResponse b = started(pipeline, 500);
        assertThat(pipeline.handlerDeadline(NEVER)).isEqualTo(10 + TIMEOUT);
        assertThat(pipeline.overdue(10 + TIMEOUT - 1)).isNull();
        assertThat(pipeline.overdue(10 + TIMEOUT)).isSameAs(a);

        a.complete(Response.text("a"));
        assertThat(pipeline.handlerDeadline(NEVER)).isEqualTo(500 + TIMEOUT);
        assertThat(pipeline.overdue(10 + TIMEOUT)).isNull();
        assertThat(pipeline.unanswered()).isSameAs(b);
        b.complete(Response.text("b"));
        assertThat(pipeline.unanswered()).isNull();
        assertThat(pipeline.handlerDeadline(NEVER)).isEqualTo(NEVER);
    }

    @Test
    void abandoningCancelsTheHandlersAndTellsEveryCallbackNothingWasDelivered() {
        Pipeline pipeline = new Pipeline(100, TIMEOUT);
        List<String> told = new ArrayList<>();
        PendingResponse running = started(pipeline, 0);
        CompletableFuture<Object> future = new CompletableFuture<>();
        running.future = future;
        HttpRequest awaited = running.request;
        awaited.onComplete(delivered -> told.add("running " + delivered));
        pipeline.addReady(Response.text("ready"), false, MODE, List.of(delivered -> told.add("ready " + delivered)));

        OutboundWriter writer = new OutboundWriter(new ScriptedChannel(Integer.MAX_VALUE));
        pipeline.abandon(writer);
        assertThat(pipeline.isEmpty()).isTrue();
        assertThat(future).isCancelled();
        assertThat(told).as("not before the writer runs them").isEmpty();

        writer.closed();
        assertThat(told).containsExactlyInAnyOrder("running false", "ready false");
    }

    @Test
    void cancellingAPlaceCancelsItsHandlerOnce() {
        PendingResponse slot = new Pipeline(100, TIMEOUT).await(request(), false, MODE);
        CompletableFuture<Object> future = new CompletableFuture<>();
        slot.future = future;
        slot.cancel();
        assertThat(future).isCancelled();
        assertThat(slot.future).isNull();
        slot.cancel();
        slot.complete(Response.text("instead"));
        assertThat(slot.done).isTrue();
        assertThat(slot.request).isNull();
    }

    private static PendingResponse started(Pipeline pipeline, long at) {
        PendingResponse p = pipeline.await(request(), false, MODE);
        p.startedAt = at;
        return p;
    }

    private static Response responseOf(Response[] responses, String kinds, int nthLater) {
        for (int i = 0, k = 0; i < kinds.length(); i++) {
            if (kinds.charAt(i) == 'L' && k++ == nthLater) {
                return responses[i];
            }
        }
        throw new AssertionError();
    }

    /** A detached request, as an answer that comes later has: it holds its completion callbacks itself. */
    private static HttpRequest request() {
        return new HttpRequest(null, new RequestHead(8), 1024);
    }
}
