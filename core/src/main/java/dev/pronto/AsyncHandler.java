package dev.pronto;

import java.util.concurrent.CompletionStage;

/**
 * Answers a request later: the stage may complete on any thread. Responses still leave in request order on a
 * pipelined connection, whatever finishes first.
 */
@FunctionalInterface
public interface AsyncHandler {
    /**
     * Starts answering one request.
     *
     * @param request the request, valid until the returned stage completes
     * @return a stage completing with the response; exceptional completion becomes a 500
     * @throws Exception any failure, answered with 500
     */
    CompletionStage<Response> handle(Request request) throws Exception;
}
