package dev.pronto.parser;

import java.nio.ByteBuffer;

/** Receives the data bytes of a decoded body, in order, as ranges of the caller's buffer. */
@FunctionalInterface
public interface BodySink {
    /**
     * Takes the body bytes at [from, to) of {@code buf}; they are only valid during the call.
     *
     * @param buf  the buffer passed to the decoder
     * @param from index of the first data byte
     * @param to   index just after the last data byte
     */
    void accept(ByteBuffer buf, int from, int to);
}
