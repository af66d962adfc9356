package dev.pronto.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * A blocking HTTP/1.1 client for socket-level tests: it sends raw bytes (whole, or split into pieces with a flush
 * between them), reads complete responses (Content-Length, chunked or close-delimited bodies), and tells how the
 * server ended the connection (clean end of stream or reset). Every read is bounded by a socket timeout, so a
 * server that never answers fails the test instead of hanging it.
 */
public final class RawClient implements AutoCloseable {
    /** The read timeout unless changed with {@link #timeout(Duration)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to a server on 127.0.0.1, with {@code TCP_NODELAY} so that every piece sent is its own segment.
     *
     * @param port the server's port
     * @return the connected client
     * @throws IOException if the connection fails (e.g. {@link java.net.ConnectException} when refused)
     */
    public static RawClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /**
     * Connects with a small receive buffer, set before connecting so that the TCP window follows it: a client that
     * does not read then fills up quickly.
     *
     * @param port              the server's port
     * @param receiveBufferSize {@code SO_RCVBUF} in bytes, or 0 for the system default
     * @return the connected client
     * @throws IOException if the connection fails
     */
    public static RawClient connect(int port, int receiveBufferSize) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBufferSize > 0) {
                socket.setReceiveBufferSize(receiveBufferSize);
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port),
                    (int) DEFAULT_TIMEOUT.toMillis());
            return new RawClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** @return the underlying socket */
    public Socket socket() {
        return socket;
    }

    /**
     * Sets the read timeout of every later read.
     *
     * @param timeout the longest a single read may block
     * @return this client
     * @throws SocketException if the socket is closed
     */
    public RawClient timeout(Duration timeout) throws SocketException {
        socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
        return this;
    }

    // ---- sending ----

    /**
     * Sends ASCII text in one write.
     *
     * @param text the bytes, as ISO-8859-1 characters
     * @return this client
     * @throws IOException if the connection fails
     */
    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends bytes in one write.
     *
     * @param bytes the bytes
     * @return this client
     * @throws IOException if the connection fails
     */
    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * Sends bytes split at the given offsets, one write and flush per piece.
     *
     * @param bytes the bytes
     * @param cuts  ascending offsets in {@code (0, bytes.length)} where a piece ends
     * @return this client
     * @throws IOException if the connection fails
     */
    public RawClient sendInPieces(byte[] bytes, int... cuts) throws IOException {
        int from = 0;
        for (int cut : cuts) {
            if (cut <= from || cut >= bytes.length) {
                throw new IllegalArgumentException("cuts must ascend inside the data: " + Arrays.toString(cuts));
            }
            out.write(bytes, from, cut - from);
            out.flush();
            from = cut;
        }
        out.write(bytes, from, bytes.length - from);
        out.flush();
        return this;
    }

    /**
     * Sends bytes split at {@code pieces - 1} distinct random offsets.
     *
     * @param bytes  the bytes
     * @param random the source of offsets (seeded by the caller, so that a failure can be replayed)
     * @param pieces how many pieces, at most {@code bytes.length}
     * @return this client
     * @throws IOException if the connection fails
     */
    public RawClient sendSplit(byte[] bytes, Random random, int pieces) throws IOException {
        return sendInPieces(bytes, randomCuts(bytes.length, random, pieces));
    }

    /**
     * Sends one byte per write.
     *
     * @param bytes the bytes
     * @return this client
     * @throws IOException if the connection fails
     */
    public RawClient sendByteByByte(byte[] bytes) throws IOException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
        }
        return this;
    }

    /**
     * Picks distinct, ascending offsets that split {@code length} bytes into {@code pieces} non-empty pieces.
     *
     * @param length the length to split
     * @param random the source of offsets
     * @param pieces how many pieces, from 1 to {@code length}
     * @return the offsets, for {@link #sendInPieces}
     */
    public static int[] randomCuts(int length, Random random, int pieces) {
        if (pieces < 1 || pieces > Math.max(1, length)) {
            throw new IllegalArgumentException(pieces + " pieces of " + length + " bytes");
        }
        TreeSet<Integer> cuts = new TreeSet<>();
        while (cuts.size() < pieces - 1) {
            cuts.add(1 + random.nextInt(length - 1));
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Half-closes: sends FIN, and keeps reading possible.
     *
     * @return this client
     * @throws IOException if the socket is closed
     */
    public RawClient shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    // ---- reading ----

    /**
     * Reads one complete response to a request other than HEAD; an interim (1xx) response counts as one.
     *
     * @return the response
     * @throws IOException on a timeout, an end of stream inside the response, or a malformed response
     */
    public RawResponse readResponse() throws IOException {
        return read(false);
    }

    /**
     * Reads one complete response to a HEAD request: the head only, whatever its Content-Length says.
     *
     * @return the response, with an empty body
     * @throws IOException on a timeout, an end of stream inside the response, or a malformed response
     */
    public RawResponse readHeadResponse() throws IOException {
        return read(true);
    }

    /**
     * Reads {@code n} complete responses, in order.
     *
     * @param n how many
     * @return the responses
     * @throws IOException on a timeout, an end of stream inside a response, or a malformed response
     */
    public List<RawResponse> readResponses(int n) throws IOException {
        List<RawResponse> responses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                responses.add(readResponse());
            } catch (IOException e) {
                throw new IOException("after " + i + " of " + n + " responses: " + e.getMessage(), e);
            }
        }
        return responses;
    }

    /**
     * Reads until the server ends the connection: proves that it closed. Bytes that arrive first are returned.
     *
     * @return what arrived, and whether the connection ended with a reset rather than a clean end of stream
     * @throws java.net.SocketTimeoutException if the server keeps the connection open past the read timeout
     * @throws IOException                     on any other failure
     */
    public Closure readUntilClosed() throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                rest.write(chunk, 0, n);
            }
            return new Closure(rest.toByteArray(), false);
        } catch (SocketException e) {
            if (isReset(e)) {
                return new Closure(rest.toByteArray(), true);
            }
            throw e;
        }
    }

    /** How a connection ended: the bytes received before the end, and whether it was a reset. */
    public record Closure(byte[] bytes, boolean reset) {
        /** @return the bytes as ISO-8859-1 text */
        public String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return (reset ? "reset" : "end of stream") + " after " + bytes.length + " bytes"
                    + (bytes.length > 0 ? ": " + abbreviate(text()) : "");
        }
    }

    /**
     * @param e an exception from a socket operation
     * @return whether it reports a reset (or a write into a connection the peer has reset)
     */
    public static boolean isReset(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return e instanceof SocketException && (m.contains("reset") || m.contains("broken pipe")
                || m.contains("aborted"));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private RawResponse read(boolean headRequest) throws IOException {
        String statusLine = readLine(true);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            throw new ProtocolException("Malformed status line: " + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new ProtocolException("Malformed status code: " + abbreviate(statusLine));
        }
        List<RawResponse.Header> headers = new ArrayList<>();
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("Malformed header line: " + abbreviate(line));
            }
            headers.add(new RawResponse.Header(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        RawResponse head = new RawResponse(parts[0], status, parts.length > 2 ? parts[2] : "", headers,
                new byte[0]);
        byte[] body;
        if (headRequest || status < 200 || status == 204 || status == 304) {
            body = new byte[0]; // RFC 9112 §6.3: these end after their header section
        } else if (head.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).endsWith("chunked")).orElse(false)) {
            body = readChunked();
        } else if (head.header("Content-Length").isPresent()) {
            body = readExactly(Integer.parseInt(head.header("Content-Length").orElseThrow()));
        } else {
            body = readUntilClosed().bytes(); // close-delimited
        }
        return new RawResponse(parts[0], status, head.reason(), headers, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailer fields: skipped
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            if (!readLine(false).isEmpty()) {
                throw new ProtocolException("Chunk not followed by CRLF");
            }
        }
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new EOFException("End of stream after " + off + " of " + n + " body bytes");
            }
            off += r;
        }
        return b;
    }

    private String readLine(boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                String got = line.toString(StandardCharsets.ISO_8859_1);
                throw new EOFException(first && line.size() == 0 ? "End of stream before a response"
                        : "End of stream inside a response line: " + abbreviate(got));
            }
            if (b == '\n') {
                if (prev != '\r') {
                    throw new ProtocolException("Bare LF in response");
                }
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            prev = b;
        }
    }

    private static String abbreviate(String s) {
        String flat = s.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }
}
