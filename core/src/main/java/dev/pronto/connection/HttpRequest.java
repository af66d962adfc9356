package dev.pronto.connection;

import dev.pronto.Method;
import dev.pronto.Request;
import dev.pronto.parser.Methods;
import dev.pronto.parser.RequestHead;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's {@link Request}: a view over the parsed head's offsets in the loop's read buffer. Strings are made
 * only when asked, then kept until the view is rebound to the next request. {@link #detach()} copies the bytes out
 * for a request that must outlive the read buffer (asynchronous handlers, bodies spanning reads).
 */
public final class HttpRequest implements Request {
    private static final Method[] METHODS = new Method[10];
    private static final byte[] NO_BYTES = new byte[0];

    static {
        METHODS[Methods.GET] = Method.GET;
        METHODS[Methods.HEAD] = Method.HEAD;
        METHODS[Methods.POST] = Method.POST;
        METHODS[Methods.PUT] = Method.PUT;
        METHODS[Methods.DELETE] = Method.DELETE;
        METHODS[Methods.CONNECT] = Method.CONNECT;
        METHODS[Methods.OPTIONS] = Method.OPTIONS;
        METHODS[Methods.TRACE] = Method.TRACE;
        METHODS[Methods.PATCH] = Method.PATCH;
    }

    private final HttpConnection connection; // null once detached
    private final RequestHead head;
    private ByteBuffer buf;
    private int bodyStart;
    private int bodyLength;
    private byte[] bodyArray;
    private InetSocketAddress remote;
    private String target;
    private String path;
    private Method method;

    HttpRequest(HttpConnection connection, RequestHead head) {
        this.connection = connection;
        this.head = head;
    }

    private HttpRequest(RequestHead head, ByteBuffer buf, InetSocketAddress remote) {
        this.connection = null;
        this.head = head;
        this.buf = buf;
        this.remote = remote;
    }

    /** Points this view at a freshly parsed request; the body, if any, is {@code [bodyStart, bodyStart+length)}. */
    HttpRequest bind(ByteBuffer buf, int bodyStart, int bodyLength) {
        this.buf = buf;
        this.bodyStart = bodyStart;
        this.bodyLength = bodyLength;
        this.bodyArray = null;
        this.target = null;
        this.path = null;
        this.method = null;
        return this;
    }

    /**
     * Copies this request out of the shared read buffer so that it stays valid on any thread for as long as needed.
     *
     * @return an independent request (this one if it is already detached)
     */
    public HttpRequest detach() {
        if (connection == null) {
            return this;
        }
        int start = head.start();
        int headLength = head.end() - start;
        int inBuffer = bodyArray == null ? bodyLength : 0;
        byte[] copy = new byte[headLength + inBuffer];
        buf.get(start, copy, 0, headLength);
        if (inBuffer > 0) {
            buf.get(bodyStart, copy, headLength, inBuffer);
        }
        RequestHead h = new RequestHead(Math.max(1, head.headerCount()));
        h.copyFrom(head, -start);
        HttpRequest d = new HttpRequest(h, ByteBuffer.wrap(copy), remoteAddress());
        d.bodyStart = headLength;
        d.bodyLength = bodyLength;
        d.bodyArray = bodyArray;
        return d;
    }

    /** Gives a detached request the body that arrived after its head. */
    void attachBody(byte[] body) {
        this.bodyArray = body;
        this.bodyLength = body.length;
    }

    /** @return the parsed head behind this view */
    public RequestHead head() {
        return head;
    }

    /** @return the buffer the head's offsets point into */
    public ByteBuffer buffer() {
        return buf;
    }

    @Override
    public Method method() {
        Method m = method;
        if (m == null) {
            int id = head.method();
            m = id == Methods.OTHER ? Method.of(string(head.methodStart(), head.methodEnd())) : METHODS[id];
            method = m;
        }
        return m;
    }

    @Override
    public String target() {
        if (target == null) {
            target = string(head.targetStart(), head.targetEnd());
        }
        return target;
    }

    @Override
    public String path() {
        if (path == null) {
            path = head.pathStart() == head.pathEnd() ? "/" : string(head.pathStart(), head.pathEnd());
        }
        return path;
    }

    @Override
    public Optional<String> query() {
        return head.queryStart() < 0 ? Optional.empty() : Optional.of(string(head.queryStart(), head.queryEnd()));
    }

    @Override
    public String version() {
        return head.minorVersion() == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    @Override
    public Optional<String> header(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? Optional.empty() : Optional.of(string(head.valueStart(i), head.valueEnd(i)));
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            values.add(string(head.valueStart(i), head.valueEnd(i)));
        }
        return List.copyOf(values);
    }

    @Override
    public List<String> headerNames() {
        List<String> names = new ArrayList<>(head.headerCount());
        for (int i = 0; i < head.headerCount(); i++) {
            names.add(string(head.nameStart(i), head.nameEnd(i)));
        }
        return List.copyOf(names);
    }

    @Override
    public byte[] body() {
        if (bodyArray != null) {
            return bodyArray.clone();
        }
        if (bodyLength == 0) {
            return NO_BYTES;
        }
        byte[] b = new byte[bodyLength];
        buf.get(bodyStart, b);
        return b;
    }

    @Override
    public int bodyLength() {
        return bodyLength;
    }

    @Override
    public boolean keepAlive() {
        return head.keepAlive();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        if (remote == null) {
            remote = connection.remoteAddress();
        }
        return remote;
    }

    @Override
    public String toString() {
        return method() + " " + target() + " " + version();
    }

    private int indexOf(String name, int from) {
        int n = name.length();
        for (int i = from; i < head.headerCount(); i++) {
            int s = head.nameStart(i);
            if (head.nameEnd(i) - s == n && equalsIgnoreCase(s, name)) {
                return i;
            }
        }
        return -1;
    }

    private boolean equalsIgnoreCase(int at, String name) {
        for (int k = 0; k < name.length(); k++) {
            int a = buf.get(at + k) & 0xff;
            int b = name.charAt(k);
            if (a == b) {
                continue;
            }
            int lower = a | 0x20; // ASCII letters differ in case by one bit; nothing else may match that way
            if (lower != (b | 0x20) || lower < 'a' || lower > 'z') {
                return false;
            }
        }
        return true;
    }

    private String string(int from, int to) {
        if (buf.hasArray()) {
            return new String(buf.array(), buf.arrayOffset() + from, to - from, StandardCharsets.ISO_8859_1);
        }
        byte[] b = new byte[to - from];
        buf.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
