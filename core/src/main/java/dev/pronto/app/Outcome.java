package dev.pronto.app;

import dev.pronto.Response;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * What a dispatch decided: respond now, respond later, or hand the connection to another protocol. A closed set, so
 * that a connection answers each case and nothing else.
 */
public sealed interface Outcome permits Outcome.Now, Outcome.Later, Outcome.Upgrade {
    /**
     * Respond now with a response. Each exchange owns one, reused for every request, so that the hot path allocates
     * nothing ({@link Exchange#respond}); the connection reads it as soon as the dispatch returns.
     */
    final class Now implements Outcome {
        private Response response;

        /** Creates the holder a connection keeps for its exchange. */
        public Now() {
        }

        /**
         * Sets the response.
         *
         * @param response the response
         * @return this outcome
         */
        public Now response(Response response) {
            this.response = response;
            return this;
        }

        /** @return the response, then forgets it, so that the holder keeps nothing alive between requests */
        public Response take() {
            Response r = response;
            response = null;
            return r;
        }
    }

    /**
     * Respond once a stage completes, on any thread; later requests of a pipelined connection wait for it.
     *
     * @param stage the response to come
     */
    record Later(CompletionStage<Response> stage) implements Outcome {
        /**
         * Creates a later outcome.
         *
         * @throws NullPointerException if the stage is {@code null}
         */
        public Later {
            Objects.requireNonNull(stage, "handler returned a null stage");
        }
    }

    /**
     * Hand the connection over to another protocol after a {@code 101 Switching Protocols} answer: a WebSocket
     * (RFC 6455 §4.2.2) or h2c (RFC 9113 §3.1). Nothing can make one yet, so nothing returns one: the issue that adds
     * WebSockets (issue 16) fills it with the handshake's response and the protocol handler that the connection hands
     * its channel to ({@code Channel.handOver}, which the transport already supports). Until then a connection treats
     * anything but {@link Now} and {@link Later} as a dispatcher's failure (500).
     */
    final class Upgrade implements Outcome {
        private Upgrade() {
        }
    }
}
