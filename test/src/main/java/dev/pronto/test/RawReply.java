package dev.pronto.test;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the server sent back on one raw connection, byte for byte, and the responses framed in it.
 */
public final class RawReply {
    private final byte[] bytes;
    private final boolean closed;
    private final List<TestResponse> responses;

    RawReply(byte[] bytes, boolean closed, boolean head) {
        this.bytes = bytes;
        this.closed = closed;
        this.responses = ResponseReader.parse(bytes, bytes.length, closed, head).responses();
    }

    /** @return a copy of every byte received, heads and bodies */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return every byte received as ISO-8859-1 text: one char per byte, as {@link TestClient#raw(String)} sends */
    public String text() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** @return whether the server closed the connection before the reading stopped */
    public boolean closed() {
        return closed;
    }

    /**
     * Returns the complete responses received, in order; interim {@code 1xx} ones are left out, and a response to
     * {@code HEAD} is read as if it had the body its {@code Content-Length} announces.
     *
     * @return the responses
     */
    public List<TestResponse> responses() {
        return responses;
    }

    /**
     * Returns the only response received.
     *
     * @return it
     * @throws IllegalStateException if the reply holds no complete response or several
     */
    public TestResponse response() {
        if (responses.size() != 1) {
            throw new IllegalStateException("Expected one response, got " + responses.size() + ":\n" + text());
        }
        return responses.get(0);
    }

    /** @return the bytes received as text, for assertion messages */
    @Override
    public String toString() {
        return text();
    }
}
