package dev.pronto.http1;

import dev.pronto.Observer;
import dev.pronto.Response;
import dev.pronto.ServerConfig;
import dev.pronto.Status;
import dev.pronto.app.Dispatcher;
import dev.pronto.loop.ConnectionList;
import dev.pronto.loop.LoopServices;
import dev.pronto.loop.Reaper;
import dev.pronto.parser.HeadLimits;
import dev.pronto.parser.RequestParser;
import dev.pronto.response.HttpDate;
import dev.pronto.response.ResponseEncoder;
import dev.pronto.transport.Channel;
import dev.pronto.transport.ChannelHandler;
import dev.pronto.transport.EventLoop;
import dev.pronto.transport.LoopHandler;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What HTTP/1 keeps per event loop, shared by the loop's connections: the read buffer, the write batch, the parser,
 * the date line, the timeouts and the lists they file connections on, the marks the stall watchdog reads; and the
 * loop's {@link LoopServices} (clock, reaper, counts). Used only on the loop's thread, except where noted.
 */
final class Http1Loop implements LoopHandler {
    static final Response INTERNAL_ERROR = Response.text(Status.INTERNAL_SERVER_ERROR, "Internal Server Error\n");
    static final String HANDLER_TIMEOUT_MESSAGE = "The handler did not answer in time";
    static final Response HANDLER_TIMEOUT = Response.text(Status.SERVICE_UNAVAILABLE,
            HANDLER_TIMEOUT_MESSAGE + "\n");
    static final String TOO_MANY_CONNECTIONS_MESSAGE = "Too many connections: try again later";
    static final Response TOO_MANY_CONNECTIONS = Response.text(Status.SERVICE_UNAVAILABLE,
            TOO_MANY_CONNECTIONS_MESSAGE + "\n").withHeader("Retry-After", "1");
    static final String BODY_TOO_SLOW_MESSAGE = "Request body arrived too slowly";
    static final Response BODY_TOO_SLOW = Response.text(Status.REQUEST_TIMEOUT, BODY_TOO_SLOW_MESSAGE + "\n");
    static final String SHUTTING_DOWN_MESSAGE = "Service Unavailable: the server is shutting down";
    static final Response SHUTTING_DOWN = Response.text(Status.SERVICE_UNAVAILABLE, SHUTTING_DOWN_MESSAGE + "\n");
    /** How long a closing connection's unread input is drained before the socket is closed. */
    static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    final ServerConfig config;
    final Dispatcher dispatcher;
    final EventLoop loop;
    final ByteBuffer readBuffer;
    final WriteBatch batch = new WriteBatch();
    final HttpDate date = new HttpDate();
    final ResponseEncoder encoder = new ResponseEncoder();
    final RequestParser parser;
    final long idleTimeoutNanos;
    final long headerTimeoutNanos;
    final long writeTimeoutNanos;
    final long handlerTimeoutNanos;
    /** A deadline this far away never comes, yet differences of deadlines cannot overflow. */
    static final long NEVER_NANOS = Long.MAX_VALUE / 4;

    final ConnectionList idleList = new ConnectionList("idle");
    final ConnectionList headerList = new ConnectionList("header");
    final ConnectionList bodyList = new ConnectionList("body");
    final ConnectionList writeList = new ConnectionList("write");
    final ConnectionList lingerList = new ConnectionList("linger");
    final ConnectionList busyList = new ConnectionList("busy"); // waiting for handlers: the handler timeout
    final LoopServices services;
    private final Observer[] observers;
    private final String[] observedHeaders; // the request headers the observers read
    private final RequestEvent jfrProbe = new RequestEvent(); // asked whether a recording wants the event
    @SuppressWarnings("unused") // through IN_FLIGHT; written by this loop only
    private long inFlight;

    boolean shuttingDown;
    @SuppressWarnings("unused") // through DISPATCHING
    private HttpRequest dispatching;
    @SuppressWarnings("unused") // through WRITING
    private HttpConnection writing;
    private long sequence;
    private static final VarHandle DISPATCHING;
    private static final VarHandle WRITING;
    private static final VarHandle SEQUENCE;
    private static final VarHandle IN_FLIGHT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DISPATCHING = lookup.findVarHandle(Http1Loop.class, "dispatching", HttpRequest.class);
            WRITING = lookup.findVarHandle(Http1Loop.class, "writing", HttpConnection.class);
            SEQUENCE = lookup.findVarHandle(Http1Loop.class, "sequence", long.class);
            IN_FLIGHT = lookup.findVarHandle(Http1Loop.class, "inFlight", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Http1Loop(ServerConfig config, Dispatcher dispatcher, EventLoop loop, AtomicInteger open) {
        this(config, dispatcher, loop, open, new Observer[0]);
    }

    Http1Loop(ServerConfig config, Dispatcher dispatcher, EventLoop loop, AtomicInteger open, Observer[] observers) {
        this.observers = observers;
        this.observedHeaders = java.util.Arrays.stream(observers).flatMap(o -> o.requestHeaders().stream())
                .map(n -> n.toLowerCase(java.util.Locale.ROOT)).distinct().toArray(String[]::new);
        this.services = new LoopServices(new Reaper(idleList, headerList, bodyList, writeList, lingerList, busyList),
                open);
        this.config = config;
        this.dispatcher = dispatcher;
        this.loop = loop;
        this.parser = new RequestParser(new HeadLimits(config.maxRequestLineBytes(), config.maxHeaderBytes(),
                config.maxHeaderCount()));
        // The buffer must hold the largest head the limits allow, plus room for pipelined requests behind it.
        int size = Math.max(64 * 1024, config.maxRequestLineBytes() + config.maxHeaderBytes() + 4096);
        this.readBuffer = ByteBuffer.allocateDirect(size);
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.headerTimeoutNanos = config.headerTimeout().toNanos();
        this.writeTimeoutNanos = config.writeTimeout().toNanos();
        this.handlerTimeoutNanos = config.handlerTimeout().toNanos();
        date.update(System.currentTimeMillis());
    }

    @Override
    public ChannelHandler accepted(Channel channel) {
        HttpConnection c = new HttpConnection(this, channel);
        int openNow = services.opened();
        if (shuttingDown) {
            c.close();
        } else if (openNow > config.maxConnections()) {
            c.refuse();
        } else {
            idleList.append(c.reaper, services.now() + idleTimeoutNanos);
        }
        return c;
    }

    void closed(HttpConnection c) {
        services.closed();
    }

    // ---- what the stall watchdog reads from another thread ----

    /** Marks the start of a dispatch: the request a plain handler is running for. */
    void dispatching(HttpRequest request) {
        DISPATCHING.setOpaque(this, request);
    }

    /** Marks the end of a dispatch. */
    void dispatched() {
        DISPATCHING.setOpaque(this, (HttpRequest) null);
        SEQUENCE.setOpaque(this, sequence + 1); // only this thread writes it
    }

    /** Marks the start of a connection's writes: one call, or slices up to its turn's budget. */
    void writing(HttpConnection connection) {
        WRITING.setOpaque(this, connection);
    }

    /** Marks the end of a connection's writes; counted with the dispatches, as one more thing the loop finished. */
    void wrote() {
        WRITING.setOpaque(this, (HttpConnection) null);
        SEQUENCE.setOpaque(this, sequence + 1);
    }

    /** @return the connection this loop is writing to now, if any (read from another thread) */
    HttpConnection writingNow() {
        return (HttpConnection) WRITING.getOpaque(this);
    }

    /** @return the request whose handler is running on this loop now, if any (read from another thread) */
    HttpRequest dispatchingNow() {
        return (HttpRequest) DISPATCHING.getOpaque(this);
    }

    /** @return how many dispatches and writes have finished on this loop (read from another thread) */
    long dispatchSequence() {
        return (long) SEQUENCE.getOpaque(this);
    }

    // ---- observation: nothing here runs while no observer is installed and no recording wants the JFR event ----

    /** @return whether the exchanges of this loop are observed now: an observer is installed, or JFR wants them */
    boolean observing() {
        return observers.length > 0 || jfrProbe.isEnabled();
    }

    /** Starts the record of an exchange ({@code req} null for input that never became a request). */
    ExchangeRecord begin(ExchangeRecord rec, HttpRequest req, long bodyWireBytes, InetSocketAddress remote) {
        rec.begin(req, bodyWireBytes, remote, observedHeaders);
        if (jfrProbe.isEnabled()) {
            RequestEvent event = new RequestEvent();
            event.begin();
            rec.event = event;
        }
        return rec;
    }

    /** Tells the observers, and JFR, that an exchange has completed; an observer that throws is logged. */
    void completed(ExchangeRecord rec) {
        for (Observer o : observers) {
            try {
                o.completed(rec);
            } catch (Throwable t) {
                System.getLogger(Observer.class.getName()).log(System.Logger.Level.ERROR,
                        "Observer " + o + " failed on " + rec, t);
            }
        }
        RequestEvent event = rec.event;
        if (event != null) {
            event.end();
            if (event.shouldCommit()) {
                event.route = rec.routeOrNull();
                event.method = rec.methodOrNull() != null ? rec.methodOrNull().name() : null;
                event.target = rec.targetOrNull();
                event.status = rec.status();
                event.bytesSent = rec.bytesSent();
                event.rejected = rec.rejected;
                event.commit();
            }
        }
    }

    /** A handler has started (a request has been dispatched). */
    void requestStarted() {
        IN_FLIGHT.setOpaque(this, inFlight + 1); // only this thread writes it: a plain read, an opaque store
    }

    /** {@code n} handlers have answered, or been given up on. */
    void requestsAnswered(int n) {
        IN_FLIGHT.setOpaque(this, inFlight - n);
    }

    /** @return handlers started and not answered yet (read from another thread) */
    long inFlight() {
        return (long) IN_FLIGHT.getOpaque(this);
    }

    int connectionCount() {
        return services.connectionCount();
    }

    /** @return the loop's thread, or {@code null} before its first tick (read from another thread) */
    Thread thread() {
        return services.thread();
    }

    @Override
    public long tick(long nanoTime, long epochMillis) {
        date.update(epochMillis);
        return services.tick(nanoTime, MAX_WAIT_NANOS);
    }

    /** Shutdown step 1, on the loop: idle connections close now, busy ones after their current responses. */
    void beginShutdown() {
        shuttingDown = true;
        for (HttpConnection c : all()) {
            c.shutdownBegun();
        }
    }

    /** Shutdown step 2, on the loop, after the grace period: 503 for what is left, then close. */
    void forceShutdown() {
        for (HttpConnection c : all()) {
            c.forceClose();
        }
    }

    private HttpConnection[] all() {
        // Only HTTP/1 connections are filed on this loop's lists; a connection handed to another protocol leaves them.
        return services.reaper().connections().toArray(new HttpConnection[0]);
    }
}
