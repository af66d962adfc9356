package dev.pronto.launcher;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load of {@code GET /pid} requests over keep-alive connections, one request at a time per client thread,
 * that counts precisely what happened to each request:
 * <ul>
 *   <li><b>ok</b>: a complete {@code 200} response arrived;</li>
 *   <li><b>failed</b>: anything else: another status (a 503 included), a malformed response, a response cut off
 *       after its first byte, a connection refused or reset before the request was written, no answer within 5 s,
 *       or a retry (below) that did not succeed;</li>
 *   <li><b>retried</b>: the request was written on a <em>reused</em> keep-alive connection, and the server closed
 *       that connection without sending a single byte of response. RFC 9112 §9.3.1 lets a client send an
 *       idempotent request again in exactly that case (the server may close an idle connection at any moment, and
 *       a request crossing the close on the wire cannot be told apart from one never received); this client does
 *       so once, on a new connection, and counts it. A request on a fresh connection is never retried.</li>
 * </ul>
 * A connection that the server closed between requests (seen before writing: the next read would return end of
 * stream) is replaced without counting anything: no request was sent on it.
 */
final class KeepAliveLoad implements AutoCloseable {
    private final int port;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicLong> answersByPid = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    KeepAliveLoad(int port, int clients) {
        this.port = port;
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("load-" + i).start(this::loop));
        }
    }

    long ok() {
        return ok.get();
    }

    long retried() {
        return retried.get();
    }

    long reconnects() {
        return reconnects.get();
    }

    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** @return how many 200 responses each worker pid gave */
    Map<String, Long> answersByPid() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        answersByPid.forEach((pid, n) -> copy.put(pid, n.get()));
        return copy;
    }

    private void loop() {
        Connection c = null;
        try {
            while (running) {
                if (c != null && !c.stillOpen()) {
                    c.close();
                    c = null;
                    reconnects.incrementAndGet(); // closed between requests: nothing was sent on it
                }
                boolean fresh = c == null;
                if (fresh) {
                    try {
                        c = new Connection(port);
                    } catch (IOException e) {
                        failures.add("connect: " + e);
                        continue;
                    }
                }
                Outcome outcome = c.exchange();
                if (outcome.kind == Kind.CLOSED_BEFORE_RESPONSE && !fresh) {
                    c.close();
                    c = null;
                    retried.incrementAndGet();
                    try {
                        c = new Connection(port);
                        outcome = c.exchange();
                    } catch (IOException e) {
                        outcome = new Outcome(Kind.FAILED, "retry connect: " + e);
                    }
                }
                switch (outcome.kind) {
                    case OK -> {
                        ok.incrementAndGet();
                        answersByPid.computeIfAbsent(outcome.detail, pid -> new AtomicLong()).incrementAndGet();
                    }
                    case FAILED, CLOSED_BEFORE_RESPONSE -> failures.add((fresh ? "fresh" : "reused") + " connection: "
                            + outcome.kind + " " + outcome.detail);
                }
                if (outcome.kind != Kind.OK || outcome.closing) {
                    if (c != null) {
                        c.close();
                    }
                    c = null;
                }
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Stops the clients and waits for their last request (each is bounded by a 5 s timeout). */
    @Override
    public void close() {
        running = false;
        try {
            for (Thread t : threads) {
                t.join(20_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private enum Kind { OK, CLOSED_BEFORE_RESPONSE, FAILED }

    private record Outcome(Kind kind, String detail, boolean closing) {
        Outcome(Kind kind, String detail) {
            this(kind, detail, true);
        }
    }

    /** One keep-alive connection with a 5 s read timeout. */
    private static final class Connection {
        private static final byte[] REQUEST = "GET /pid HTTP/1.1\r\nHost: load\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /** @return false if the server has closed the connection (end of stream or reset waiting to be read) */
        boolean stillOpen() {
            try {
                socket.setSoTimeout(1);
                in.mark(1);
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                in.reset();
                return true; // unexpected bytes: the next exchange will report them as a malformed response
            } catch (SocketTimeoutException e) {
                return true; // nothing to read: still open
            } catch (IOException e) {
                return false;
            }
        }

        Outcome exchange() {
            try {
                socket.setSoTimeout(5000);
                out.write(REQUEST);
                out.flush();
            } catch (IOException e) {
                return new Outcome(Kind.CLOSED_BEFORE_RESPONSE, "write: " + e);
            }
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            try {
                int b = in.read();
                if (b < 0) {
                    return new Outcome(Kind.CLOSED_BEFORE_RESPONSE, "end of stream");
                }
                head.write(b);
            } catch (SocketTimeoutException e) {
                return new Outcome(Kind.FAILED, "no response within 5 s");
            } catch (IOException e) {
                return new Outcome(Kind.CLOSED_BEFORE_RESPONSE, "read: " + e);
            }
            try {
                while (!endsWithBlankLine(head)) {
                    int b = in.read();
                    if (b < 0) {
                        throw new EOFException("in the head");
                    }
                    head.write(b);
                }
                String text = head.toString(StandardCharsets.ISO_8859_1);
                String status = text.substring(9, 12);
                int length = -1;
                boolean closing = false;
                for (String line : text.split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                        length = Integer.parseInt(line.substring(colon + 1).strip());
                    }
                    if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Connection")) {
                        closing = line.substring(colon + 1).strip().equalsIgnoreCase("close");
                    }
                }
                if (length < 0) {
                    return new Outcome(Kind.FAILED, "no Content-Length: " + text);
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    throw new EOFException("in the body");
                }
                String bodyText = new String(body, StandardCharsets.UTF_8);
                return status.equals("200") ? new Outcome(Kind.OK, bodyText, closing)
                        : new Outcome(Kind.FAILED, "status " + status + ": " + bodyText);
            } catch (IOException | RuntimeException e) {
                return new Outcome(Kind.FAILED, "response cut off or malformed: " + e + " after "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
        }

        private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
            byte[] b = head.toByteArray();
            int n = b.length;
            return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
