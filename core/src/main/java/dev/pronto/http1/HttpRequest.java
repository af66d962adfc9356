package dev.pronto.http1;

import dev.pronto.Extension;
import dev.pronto.FilePart;
import dev.pronto.HttpException;
import dev.pronto.JsonCodec;
import dev.pronto.Method;
import dev.pronto.Params;
import dev.pronto.Request;
import dev.pronto.Status;
import dev.pronto.UnsupportedMediaTypeException;
import dev.pronto.app.FailureNote;
import dev.pronto.codec.ContentType;
import dev.pronto.codec.Cookies;
import dev.pronto.codec.HostHeader;
import dev.pronto.codec.Multipart;
import dev.pronto.codec.MultipartBody;
import dev.pronto.codec.QueryDecoder;
import dev.pronto.http.Methods;
import dev.pronto.parser.RequestHead;

import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The engine's {@link Request}: a view over the parsed head's offsets in the loop's read buffer. Strings are made
 * only when asked, then kept until the view is rebound to the next request. {@link #detach()} copies the bytes out
 * for a request that must outlive the read buffer (asynchronous handlers, bodies spanning reads).
 * <p>
 * The connection's own view may be used only by the loop's thread, from {@link #bind} until {@link #release}: every
 * public accessor checks that, so that a plain handler's request kept past its return, or handed to another thread,
 * fails loudly instead of reading the next request's bytes. The engine's own reads go through unchecked package
 * methods ({@link #head()}, {@link #describe()}…). A detached copy is never checked.
 */
final class HttpRequest implements Request, FailureNote {
    // The parser's method id → the API's constant: one array read per request. Derived from the one list of
    // standard methods, dev.pronto.http.Methods, which Method.of maps back to its constants.
    private static final Method[] METHODS = new Method[Methods.COUNT];
    private static final byte[] NO_BYTES = new byte[0];

    static {
        for (int id = Methods.OTHER + 1; id < Methods.COUNT; id++) {
            METHODS[id] = Method.of(Methods.name(id));
        }
    }

    private static final byte OPEN = 0;      // registrations are kept
    private static final byte TAKEN = 1;     // the engine holds the response; registrations wait for its outcome
    private static final byte DELIVERED = 2; // over: a registration runs at once with the outcome
    private static final byte DROPPED = 3;

    /** Limits of multipart bodies: parts per body; a file is bounded by the body limit. */
    static final int MAX_FORM_PARTS = 1000;

    private final HttpConnection connection; // null once detached
    private final RequestHead head;
    private final long maxBodyBytes;
    // What the framework attached, and views made on first use; all cleared by bind().
    private String route;
    private List<String> paramNames;
    private String[] paramValues;
    private Object[] extensions; // key, value, key, value…
    private List<CompletionCallback> callbacks;
    /**
     * Where a detached request's callbacks stand, guarded by {@code this}: a handler's thread may register one while
     * the loop answers the request (a handler that outlived its timeout does so after its 503 is out).
     */
    private byte completion = OPEN;
    private HttpRequest detached; // the copy made by detach(), which owns the callbacks from then on
    /**
     * The thread that may use the connection's view: the loop's, from bind() until release(); null in between. One
     * compare with the current thread checks both the lifetime and the thread. Unused in a detached copy.
     */
    private Thread user;
    private Params queryParams;
    private ContentType contentType;
    private MultipartBody multipart;
    private Params form;
    private Map<String, String> cookies;
    private Throwable failure; // set on a handler's thread, read on the loop's after its stage completes
    private ByteBuffer buf;
    private int bodyStart;
    private int bodyLength;
    private byte[] bodyArray;
    private InetSocketAddress remote;
    private String target;
    private String path;
    private Method method;

    HttpRequest(HttpConnection connection, RequestHead head, long maxBodyBytes) {
        this.connection = connection;
        this.head = head;
        this.maxBodyBytes = maxBodyBytes;
    }

    private HttpRequest(RequestHead head, ByteBuffer buf, InetSocketAddress remote, long maxBodyBytes) {
        this.connection = null;
        this.head = head;
        this.buf = buf;
        this.remote = remote;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Points this view at a freshly parsed request; the body, if any, is {@code [bodyStart, bodyStart+length)}. */
    HttpRequest bind(ByteBuffer buf, int bodyStart, int bodyLength) {
        this.user = Thread.currentThread();
        this.buf = buf;
        this.bodyStart = bodyStart;
        this.bodyLength = bodyLength;
        this.bodyArray = null;
        this.target = null;
        this.path = null;
        this.method = null;
        if (route != null || extensions != null || callbacks != null || queryParams != null || contentType != null
                || form != null || multipart != null || cookies != null || failure != null) {
            route = null;
            failure = null;
            paramNames = null;
            paramValues = null;
            extensions = null;
            callbacks = null;
            queryParams = null;
            contentType = null;
            multipart = null;
            form = null;
            cookies = null;
        }
        detached = null;
        return this;
    }

    /** The dispatch is over (or the request was detached): the view refuses every use until it is bound again. */
    void release() {
        user = null;
    }

    /** @throws IllegalStateException if this is the connection's view and the calling code may not use it now */
    private void check() {
        if (user != Thread.currentThread() && connection != null) {
            throw misuse();
        }
    }

    /** @return whether the calling code may use this request now (what {@link #check()} checks) */
    private boolean usable() {
        return user == Thread.currentThread() || connection == null;
    }

    private IllegalStateException misuse() {
        Thread owner = user; // racy from another thread: either value tells that this thread may not use it
        if (owner == null) {
            return new IllegalStateException("This request's handler has returned: the request is reused for the "
                    + "connection's next request. Copy what you need, or make the handler Handler.blocking(...) or "
                    + "Handler.async(...) to get a request that stays valid.");
        }
        return new IllegalStateException("This request belongs to its plain handler on the event loop thread "
                + owner.getName() + ", and was used from the thread " + Thread.currentThread().getName()
                + ": it is reused for the connection's next request as soon as the handler returns. Copy what you "
                + "need first, or make the handler Handler.blocking(...) or Handler.async(...) to get a request "
                + "that stays valid.");
    }

    /**
     * Copies this request out of the shared read buffer so that it stays valid on any thread for as long as needed.
     *
     * @return an independent request (this one if it is already detached)
     */
    HttpRequest detach() {
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
        HttpRequest d = new HttpRequest(h, ByteBuffer.wrap(copy), remote != null ? remote : connection.remoteAddress(),
                maxBodyBytes);
        d.bodyStart = headLength;
        d.bodyLength = bodyLength;
        d.bodyArray = bodyArray;
        d.method = method;
        d.route = route;
        d.paramNames = paramNames;
        d.paramValues = paramValues;
        d.extensions = extensions;
        d.callbacks = callbacks;
        d.queryParams = queryParams;
        d.contentType = contentType;
        d.cookies = cookies;
        extensions = null;
        callbacks = null; // they belong to the copy now
        detached = d;
        return d;
    }

    /** Records the matched route and its placeholders' values. */
    void routed(String pattern, List<String> names, String[] values) {
        this.route = pattern;
        this.paramNames = names;
        this.paramValues = values;
    }

    /** @return the matched route's pattern, or {@code null} */
    String routeOrNull() {
        return route;
    }

    @Override
    public void failed(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    /** @return the failure noted by the dispatcher, if any, now forgotten */
    Throwable takeFailure() {
        Throwable t = failure;
        failure = null;
        return t;
    }

    /** @return the matched route, read racily by the stall watchdog: a log line, never a decision */
    String routeForDiagnostics() {
        String r = route;
        return r != null ? r : "(none)";
    }

    /** @return the request that owns this one's completion callbacks: its detached copy, if one was made */
    HttpRequest owner() {
        return detached != null ? detached : this;
    }

    /**
     * Hands the completion callbacks to the engine, which runs them once the response is out or the connection gone.
     *
     * @return the callbacks registered so far, now owned by the caller; {@code null} when none. For a detached
     *         request, one callback that also runs those registered later, whatever thread registers them.
     */
    List<CompletionCallback> takeCallbacks() {
        if (connection != null) { // the loop's own view: registered on the loop only, while it answers
            List<CompletionCallback> c = callbacks;
            callbacks = null;
            return c;
        }
        synchronized (this) {
            if (completion != OPEN) {
                return null;
            }
            completion = TAKEN;
        }
        return List.of(this::completed);
    }

    /** The response of this detached request is out ({@code true}) or never will be: runs every callback. */
    private void completed(boolean delivered) {
        List<CompletionCallback> run;
        synchronized (this) {
            completion = delivered ? DELIVERED : DROPPED;
            run = callbacks;
            callbacks = null;
        }
        if (run != null) {
            for (CompletionCallback c : run) {
                runCallback(c, delivered);
            }
        }
    }

    private static void runCallback(CompletionCallback c, boolean delivered) {
        try {
            c.completed(delivered);
        } catch (RuntimeException e) {
            System.getLogger("dev.pronto.connection").log(System.Logger.Level.ERROR, "Completion callback failed", e);
        }
    }

    /** Gives a detached request the body that arrived after its head. */
    void attachBody(byte[] body) {
        this.bodyArray = body;
        this.bodyLength = body.length;
    }

    /** @return the parsed head behind this view */
    RequestHead head() {
        return head;
    }

    /** @return the buffer the head's offsets point into */
    ByteBuffer buffer() {
        return buf;
    }

    @Override
    public Method method() {
        check();
        return methodUnchecked();
    }

    /** @return the method, for the engine's own reads, whenever they happen */
    Method methodUnchecked() {
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
        check();
        return targetUnchecked();
    }

    private String targetUnchecked() {
        if (target == null) {
            target = string(head.targetStart(), head.targetEnd());
        }
        return target;
    }

    @Override
    public String path() {
        check();
        if (path == null) {
            path = head.pathStart() == head.pathEnd() ? "/" : string(head.pathStart(), head.pathEnd());
        }
        return path;
    }

    @Override
    public Optional<String> query() {
        check();
        return head.queryStart() < 0 ? Optional.empty() : Optional.of(string(head.queryStart(), head.queryEnd()));
    }

    @Override
    public String version() {
        check();
        return head.minorVersion() == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    @Override
    public Optional<String> header(String name) {
        check();
        int i = indexOf(name, 0);
        return i < 0 ? Optional.empty() : Optional.of(string(head.valueStart(i), head.valueEnd(i)));
    }

    @Override
    public List<String> headers(String name) {
        check();
        List<String> values = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            values.add(string(head.valueStart(i), head.valueEnd(i)));
        }
        return List.copyOf(values);
    }

    @Override
    public List<String> headerNames() {
        check();
        List<String> names = new ArrayList<>(head.headerCount());
        for (int i = 0; i < head.headerCount(); i++) {
            names.add(string(head.nameStart(i), head.nameEnd(i)));
        }
        return List.copyOf(names);
    }

    @Override
    public byte[] body() {
        check();
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
        check();
        return bodyLength;
    }

    @Override
    public boolean keepAlive() {
        check();
        return head.keepAlive();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        check();
        if (remote == null) {
            remote = connection.remoteAddress();
        }
        return remote;
    }

    @Override
    public Params queryParams() {
        check();
        if (queryParams == null) {
            queryParams = head.queryStart() < 0 ? Params.empty()
                    : QueryDecoder.parse(string(head.queryStart(), head.queryEnd()), QueryDecoder.DEFAULT_MAX_PARAMS,
                            "Query parameter");
        }
        return queryParams;
    }

    @Override
    public String pathParam(String name) {
        check();
        if (paramNames != null) {
            int i = paramNames.indexOf(name);
            if (i >= 0) {
                return paramValues[i];
            }
        }
        throw new IllegalArgumentException("The route " + route().orElse("(none)") + " has no placeholder {"
                + name + "}");
    }

    @Override
    public Map<String, String> pathParams() {
        check();
        if (paramNames == null || paramNames.isEmpty()) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < paramNames.size(); i++) {
            params.put(paramNames.get(i), paramValues[i]);
        }
        return Collections.unmodifiableMap(params);
    }

    @Override
    public Optional<String> route() {
        check();
        return Optional.ofNullable(route);
    }

    @Override
    public Map<String, List<String>> headerMap() {
        check();
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < head.headerCount(); i++) {
            map.computeIfAbsent(string(head.nameStart(i), head.nameEnd(i)), k -> new ArrayList<>(1))
                    .add(string(head.valueStart(i), head.valueEnd(i)));
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String text() {
        check();
        if (bodyLength == 0) {
            return "";
        }
        Charset cs = charset().orElse(StandardCharsets.UTF_8);
        if (bodyArray != null) {
            return new String(bodyArray, cs);
        }
        return new String(body(), cs);
    }

    @Override
    public Params form() {
        check();
        if (form == null) {
            String mime = mimeType().orElse("");
            if (mime.equals("application/x-www-form-urlencoded")) {
                form = QueryDecoder.parse(new String(bodyBytes(), StandardCharsets.UTF_8),
                        QueryDecoder.DEFAULT_MAX_PARAMS, "Form field");
            } else if (mime.equals("multipart/form-data")) {
                form = multipart().fields();
            } else {
                form = Params.empty();
            }
        }
        return form;
    }

    @Override
    public List<FilePart> files() {
        check();
        return mimeType().orElse("").equals("multipart/form-data") ? multipart().files() : List.of();
    }

    private MultipartBody multipart() {
        if (multipart == null) {
            String boundary = contentType().boundary().orElseThrow(() ->
                    new HttpException(Status.BAD_REQUEST, "multipart/form-data without a boundary"));
            byte[] b = bodyBytes();
            multipart = Multipart.parse(b, 0, b.length, boundary, MAX_FORM_PARTS, maxBodyBytes);
        }
        return multipart;
    }

    /** The body without a defensive copy, for parsing. */
    private byte[] bodyBytes() {
        if (bodyArray == null && bodyLength > 0) {
            bodyArray = body(); // kept: the parse views below are made from it
        }
        return bodyArray != null ? bodyArray : NO_BYTES;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T json(Type type) {
        check();
        JsonCodec codec = JsonCodec.get();
        ContentType ct = contentType();
        if (ct == null || !ct.isJson()) {
            // RFC 9110 §8.3: a body without Content-Type may be taken as application/octet-stream, which is no JSON
            throw new UnsupportedMediaTypeException("application/json",
                    "Content-Type must be application/json or a +json type, got " + (ct == null ? "none"
                            : ct.mimeType().isEmpty() ? "\"\"" : ct.mimeType()));
        }
        byte[] b = bodyBytes();
        try {
            return (T) codec.read(b, 0, b.length, type);
        } catch (Exception e) {
            throw new HttpException(Status.BAD_REQUEST, "Invalid JSON body: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public Optional<String> mimeType() {
        check();
        ContentType ct = contentType();
        return ct == null ? Optional.empty() : Optional.of(ct.mimeType());
    }

    @Override
    public Optional<Charset> charset() {
        check();
        ContentType ct = contentType();
        return ct == null ? Optional.empty() : ct.charset();
    }

    private ContentType contentType() {
        if (contentType == null) {
            Optional<String> value = header("Content-Type");
            if (value.isEmpty()) {
                return null;
            }
            contentType = ContentType.parse(value.get());
        }
        return contentType;
    }

    @Override
    public Map<String, String> cookies() {
        check();
        if (cookies == null) {
            cookies = Cookies.parse(headers("Cookie"));
        }
        return cookies;
    }

    @Override
    public Optional<String> hostName() {
        check();
        return host().map(HostHeader::name);
    }

    @Override
    public OptionalInt hostPort() {
        check();
        return host().map(HostHeader::port).orElse(OptionalInt.empty());
    }

    /** RFC 9112 §3.2.2: the authority of an absolute-form target wins over the Host header. */
    private Optional<HostHeader> host() {
        String authority = head.authorityStart() >= 0 && head.authorityEnd() > head.authorityStart()
                ? string(head.authorityStart(), head.authorityEnd()) : header("Host").orElse("");
        int at = authority.lastIndexOf('@'); // userinfo is not part of the host
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        return authority.isEmpty() ? Optional.empty() : Optional.of(HostHeader.parse(authority));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Extension<T> extension) {
        check();
        Object[] ext = extensions;
        if (ext != null) {
            for (int i = 0; i < ext.length && ext[i] != null; i += 2) {
                if (ext[i] == extension) {
                    return (T) ext[i + 1];
                }
            }
        }
        T value = extension.compute(this);
        ext = extensions; // re-read: computing may have read other extensions and grown the table
        int free = 0;
        if (ext == null) {
            ext = extensions = new Object[8];
        } else {
            while (free < ext.length && ext[free] != null) {
                free += 2;
            }
            if (free == ext.length) {
                ext = extensions = java.util.Arrays.copyOf(ext, ext.length * 2);
            }
        }
        ext[free] = extension;
        ext[free + 1] = value;
        return value;
    }

    @Override
    public void onComplete(CompletionCallback callback) {
        check();
        java.util.Objects.requireNonNull(callback, "callback");
        if (connection == null) {
            boolean delivered;
            synchronized (this) {
                if (completion < DELIVERED) {
                    addCallback(callback);
                    return;
                }
                delivered = completion == DELIVERED;
            }
            runCallback(callback, delivered); // the request is over already: the callback learns how it ended now
            return;
        }
        addCallback(callback);
    }

    private void addCallback(CompletionCallback callback) {
        if (callbacks == null) {
            callbacks = new ArrayList<>(2);
        }
        callbacks.add(callback);
    }

    @Override
    public String toString() {
        // Never refused: loggers and debuggers call it. A stale view names no request rather than the next one.
        return usable() ? describe() : "(a plain handler's request, not valid here)";
    }

    /** @return the request line, for the engine's own logs, whenever they are written */
    String describe() {
        return methodUnchecked() + " " + targetUnchecked() + " " + (head.minorVersion() == 0 ? "HTTP/1.0" : "HTTP/1.1");
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
