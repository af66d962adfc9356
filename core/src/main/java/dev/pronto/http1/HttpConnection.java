package dev.pronto.http1;

import dev.pronto.Request.CompletionCallback;
import dev.pronto.Response;
import dev.pronto.Status;
import dev.pronto.app.Outcome;
import dev.pronto.http.Methods;
import dev.pronto.loop.ConnectionList;
import dev.pronto.loop.Expiring;
import dev.pronto.parser.ChunkedDecoder;
import dev.pronto.parser.ParseError;
import dev.pronto.parser.RequestHead;
import dev.pronto.parser.RequestParser;
import dev.pronto.response.ResponseEncoder;
import dev.pronto.transport.Channel;
import dev.pronto.transport.ChannelHandler;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * One HTTP/1.1 connection: read → parse every complete request in the buffer → dispatch → encode into the loop's
 * write batch → one write. Responses leave in request order; one not ready yet holds back the later ones, which are
 * still handled. Used only on its loop's thread.
 */
final class HttpConnection implements ChannelHandler, Expiring {
    private static final System.Logger LOG = System.getLogger("dev.pronto.connection");
    /** The answer for a file that vanished between {@code Response.file} and its write. */
    private static final Response FILE_GONE = Response.text(Status.NOT_FOUND, "Not Found\n");

    private enum State { HEAD, BODY, CHUNKED, LINGER, CLOSED }

    private final Http1Loop ctx;
    private final Channel channel;
    private final RequestHead head;
    private final HttpRequest request;
    private final HttpExchange exchange = new HttpExchange();

    private State state = State.HEAD;
    private byte[] carry;              // input not consumed yet (a partial request), reused between reads
    private int carryLength;
    private long headStartedAt;        // when the first byte of the head being received arrived
    private boolean headCarried;       // the carry starts with a partial head (so headStartedAt is its start)
    private HttpRequest bodyRequest;   // detached request whose body is arriving
    private byte[] body;               // Content-Length body being filled
    private int bodyFill;
    private BodyBuffer chunkBody;      // chunked body being decoded
    private ChunkedDecoder decoder;

    private final Pipeline pipeline;   // responses not yet encoded, in request order
    private final OutboundWriter writer;

    private boolean stopParsing;       // after a request that closes the connection, or a malformed one
    private boolean closeAfterFlush;   // a response with Connection: close has been encoded: the last one
    private boolean readPaused;        // backpressure: too many responses queued or too many bytes unsent
    private boolean inputEnded;        // the client half-closed
    private ExchangeRecord spareRecord; // reused for the next observed exchange (only while observers are on)

    final ConnectionList.Entry reaper = new ConnectionList.Entry(this); // this connection on the loop's timeouts
    private long bodyStartedAt;
    private long bodyBytes;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    HttpConnection(Http1Loop ctx, Channel channel) {
        this.ctx = ctx;
        this.channel = channel;
        this.writer = new OutboundWriter(channel);
        this.pipeline = new Pipeline(ctx.config.maxPipelinedRequests(), ctx.handlerTimeoutNanos);
        this.head = new RequestHead(ctx.config.maxHeaderCount());
        this.request = new HttpRequest(this, head, ctx.config.maxBodyBytes());
    }

    InetSocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** @return the route of the latest request on this connection, read racily by the stall watchdog */
    String routeForDiagnostics() {
        return request.routeForDiagnostics();
    }

    // ---- input ----

    @Override
    public void onReadable() {
        if (state == State.LINGER) {
            discardInput();
            return;
        }
        ByteBuffer in = ctx.readBuffer;
        in.clear();
        headCarried = carryLength > 0 && state == State.HEAD;
        takeCarry(in);
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            close(); // reset by peer
            return;
        }
        int end = in.position();
        if (n < 0) {
            inputEnded = true;
            channel.readInterest(false);
            carryLength = 0; // an incomplete request can never complete now
            if (state == State.BODY || state == State.CHUNKED) {
                state = State.HEAD;
                bodyRequest = null;
            }
        } else {
            process(in, 0, end);
        }
        afterEvent();
    }

    /** Parses and dispatches every complete request in {@code in[pos, end)}; keeps the rest for the next read. */
    private void process(ByteBuffer in, int pos, int end) {
        while (pos < end && !stopParsing && !readPaused) {
            if (state == State.HEAD) {
                int consumed = ctx.parser.parse(in, pos, end, head);
                if (consumed == RequestParser.NEED_MORE) {
                    break;
                }
                if (consumed == RequestParser.ERROR) {
                    fail(null, head.error()); // no request: the head could not be parsed
                    return;
                }
                pos += consumed;
                pos = startBody(in, pos, end);
            } else if (state == State.BODY) {
                int take = Math.min(end - pos, body.length - bodyFill);
                in.get(pos, body, bodyFill, take);
                pos += take;
                bodyFill += take;
                bodyBytes += take;
                if (bodyFill == body.length) {
                    finishBody(body);
                }
            } else if (state == State.CHUNKED) {
                int consumed = decoder.decode(in, pos, end, chunkBody);
                if (consumed == ChunkedDecoder.ERROR) {
                    fail(bodyRequest, decoder.error());
                    return;
                }
                pos += consumed;
                bodyBytes += consumed;
                if (decoder.done()) {
                    finishBody(chunkBody.toArray());
                }
            } else {
                return;
            }
        }
        if (pos < end && !stopParsing) {
            keepInput(in, pos, end);
        }
    }

    /** A head was parsed: dispatch it now if its body is here, else start collecting the body. */
    private int startBody(ByteBuffer in, int pos, int end) {
        if (head.chunked()) {
            bodyRequest = request.bind(in, pos, 0).detach();
            request.release(); // the copy is the request now
            if (decoder == null) {
                decoder = new ChunkedDecoder(ctx.config.maxChunkBytes(), ctx.config.maxBodyBytes(),
                        ctx.config.maxHeaderBytes(), ctx.config.maxHeaderCount());
            }
            decoder.reset();
            chunkBody = new BodyBuffer();
            state = State.CHUNKED;
            bodyStartedAt = ctx.services.now();
            bodyBytes = 0;
            continueIfExpected(pos == end);
            return pos;
        }
        long length = head.contentLength();
        if (length > ctx.config.maxBodyBytes()) {
            bodyBytes = 0; // none of it read
            fail(request.bind(in, pos, 0), Status.CONTENT_TOO_LARGE,
                    "Request body larger than " + ctx.config.maxBodyBytes() + " bytes");
            return end;
        }
        if (length <= 0) {
            dispatch(request.bind(in, pos, 0), 0);
            return pos;
        }
        if (end - pos >= length) {
            dispatch(request.bind(in, pos, (int) length), length);
            return pos + (int) length;
        }
        bodyRequest = request.bind(in, pos, 0).detach();
        request.release();
        body = new byte[(int) length];
        bodyFill = end - pos;
        in.get(pos, body, 0, bodyFill);
        state = State.BODY;
        bodyStartedAt = ctx.services.now();
        bodyBytes = bodyFill;
        continueIfExpected(bodyFill == 0);
        return end;
    }

    private void finishBody(byte[] bytes) {
        HttpRequest r = bodyRequest;
        r.attachBody(bytes);
        bodyRequest = null;
        body = null;
        chunkBody = null;
        state = State.HEAD;
        dispatch(r, bodyBytes);
    }

    /** RFC 9110 §10.1.1: a client that sent {@code Expect: 100-continue} waits for this before sending the body. */
    private void continueIfExpected(boolean noBodyYet) {
        if (head.expectContinue() && noBodyYet) {
            if (pipeline.isEmpty()) {
                ctx.batch.put(ResponseEncoder.CONTINUE);
            } else {
                pipeline.addContinue();
            }
        }
    }

    private void keepInput(ByteBuffer in, int pos, int end) {
        if (!(headCarried && pos == 0)) {
            headStartedAt = ctx.services.now(); // the first bytes of a new head: the header timeout runs from here
        }
        int n = end - pos;
        if (carry == null || carry.length < n) {
            carry = new byte[Math.max(n, 1024)];
        }
        in.get(pos, carry, 0, n);
        carryLength = n;
    }

    /** Puts the kept input back at the start of the read buffer. */
    private void takeCarry(ByteBuffer in) {
        if (carryLength > 0) {
            in.put(carry, 0, carryLength);
            carryLength = 0;
        }
    }

    // ---- dispatch ----

    /** Dispatches a request; {@code bodyWireBytes}: its body's bytes as framed on the wire (for the observers). */
    private void dispatch(HttpRequest req, long bodyWireBytes) {
        RequestHead h = req.head();
        boolean keepAlive = h.keepAlive() && !ctx.shuttingDown;
        int mode = !keepAlive ? ResponseEncoder.CLOSE
                : h.minorVersion() == 0 ? ResponseEncoder.KEEP_ALIVE_HTTP10 : ResponseEncoder.KEEP_ALIVE_DEFAULT;
        boolean headMethod = h.method() == Methods.HEAD;
        if (!keepAlive) {
            stopParsing = true; // RFC 9112 §9.6: nothing after a request that closes the connection is read
        }
        ExchangeRecord rec = ctx.observing() ? record(req, bodyWireBytes) : null;
        Outcome outcome;
        ctx.requestStarted();
        ctx.dispatching(req);
        try {
            outcome = ctx.dispatcher.dispatch(exchange.bind(req));
        } catch (Throwable t) {
            if (rec != null) {
                rec.failed(t);
            }
            outcome = exchange.respond(internalError(req, t));
        } finally {
            ctx.dispatched();
            req.release(); // a plain handler's request is over: refused until the view is bound again
            exchange.bind(null); // a detached request with a large body is not kept until the next one
        }
        HttpRequest owner = req.owner();
        if (rec != null) {
            rec.routed(req.routeOrNull());
        }
        if (outcome instanceof Outcome.Later later) {
            await(owner, later.stage(), headMethod, mode, rec);
            return;
        }
        ctx.requestsAnswered(1);
        if (rec != null) {
            rec.failed(req.takeFailure());
        }
        if (outcome instanceof Outcome.Now now) {
            Response r = now.take();
            respond(r != null ? r : internalError(req, new IllegalStateException("handler returned null")),
                    headMethod, mode, owner.takeCallbacks(), rec);
        } else {
            // null, or an upgrade: this connection cannot hand its channel on yet (see Outcome.Upgrade)
            respond(internalError(req, new IllegalStateException("dispatcher returned " + outcome)), headMethod,
                    mode, owner.takeCallbacks(), rec);
        }
    }

    /** @return a record for an observed exchange ({@code req} null for input that never became a request) */
    private ExchangeRecord record(HttpRequest req, long bodyWireBytes) {
        ExchangeRecord rec = spareRecord != null ? spareRecord : new ExchangeRecord();
        spareRecord = null;
        return ctx.begin(rec, req, bodyWireBytes, req != null ? req.remoteAddress() : remoteAddress());
    }

    private void respond(Response r, boolean headMethod, int mode, List<CompletionCallback> callbacks,
                         ExchangeRecord rec) {
        if (pipeline.isEmpty()) {
            encode(r, headMethod, mode, callbacks, rec);
        } else {
            pipeline.addReady(r, headMethod, mode, callbacks).record = rec;
            pauseIfPipelineFull();
        }
    }

    private void await(HttpRequest req, CompletionStage<?> stage, boolean headMethod, int mode,
                       ExchangeRecord rec) {
        PendingResponse slot = pipeline.await(req, headMethod, mode);
        slot.record = rec;
        pauseIfPipelineFull();
        CompletableFuture<?> f = asFuture(stage);
        if (f != null && f.isDone()) {
            // Already complete (e.g. completedFuture): no hop through the loop's task queue.
            Throwable error = f.state() == Future.State.SUCCESS ? null : f.state() == Future.State.FAILED
                    ? f.exceptionNow() : new CancellationException("handler's stage was cancelled");
            answered(slot, req, error, error == null ? f.resultNow() : null);
            return;
        }
        slot.future = f;
        slot.startedAt = ctx.services.now();
        stage.whenComplete((value, error) -> ctx.loop.execute(() -> {
            if (slot.done) {
                return; // answered already: the handler timed out, or the connection is gone
            }
            answered(slot, req, error, value);
            if (state != State.CLOSED) {
                afterEvent();
            }
        }));
    }

    /** A handler that answers later has answered, or failed with {@code error}. */
    private void answered(PendingResponse slot, HttpRequest req, Throwable error, Object value) {
        ctx.requestsAnswered(1);
        if (slot.record != null) {
            slot.record.failed(req.takeFailure());
            slot.record.failed(error);
        }
        slot.complete(error != null ? internalError(req, error) : asResponse(req, value));
    }

    /** @return the stage as a future, to look at and cancel; {@code null} for a stage that cannot be one */
    private static CompletableFuture<?> asFuture(CompletionStage<?> stage) {
        try {
            return stage.toCompletableFuture(); // the stage itself, or for a minimal stage a future following it
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private Response asResponse(HttpRequest req, Object value) {
        if (!(value instanceof Response r)) {
            return internalError(req, new IllegalStateException("handler completed with " + value));
        }
        return r.forRequest(req); // req is the detached copy: readable on this thread
    }

    private static Response internalError(HttpRequest req, Throwable t) {
        LOG.log(Level.ERROR, "Handler failed on " + req.describe(), t);
        return Http1Loop.INTERNAL_ERROR;
    }

    private void pauseIfPipelineFull() {
        if (pipeline.full()) {
            pauseReading();
        }
    }

    /** A malformed request or body ({@code req} null when even the head was not parsed). */
    private void fail(HttpRequest req, ParseError error) {
        fail(req, error.status(), error.message());
    }

    private void fail(HttpRequest req, int status, String message) {
        failWith(req, status, message, Response.text(status, message + "\n"), false);
    }

    /**
     * Refuses a request ({@code req} null when no head was parsed): the application dresses the answer, which goes
     * after the earlier responses; then the connection closes.
     */
    private void failWith(HttpRequest req, int status, String message, Response builtIn, boolean timedOut) {
        ExchangeRecord rec = ctx.observing() ? rejection(req, timedOut) : null;
        Response response = dressed(req, status, message, builtIn);
        boolean headMethod = req != null && req.head().method() == Methods.HEAD;
        List<CompletionCallback> callbacks = req != null ? req.owner().takeCallbacks() : null;
        stopParsing = true;
        carryLength = 0;
        state = State.HEAD;
        bodyRequest = null;
        head.reset(); // a partial head is abandoned: the next parse would not resume it
        respond(response, headMethod, ResponseEncoder.CLOSE, callbacks, rec);
    }

    /** @return the record of an engine's refusal ({@code req} null when no head was parsed) */
    private ExchangeRecord rejection(HttpRequest req, boolean timedOut) {
        ExchangeRecord rec = record(req, req != null ? bodyBytes : 0);
        rec.rejected = true;
        rec.timedOut = timedOut;
        if (req != null) {
            rec.routed(req.routeOrNull());
        }
        return rec;
    }

    /**
     * The application's version of an answer the engine decided ({@code req} null when no head was parsed). Only
     * its headers and body are taken: the status, and closing the connection where the engine closes it, stay the
     * engine's, since they are what keeps a refused request from being read as another (RFC 9112 §11.2). A failing
     * hook leaves the built-in answer. It runs inline, so the stall detector watches it as it does a plain handler.
     */
    private Response dressed(HttpRequest req, int status, String message, Response builtIn) {
        Response r;
        if (req != null) {
            ctx.dispatching(req);
        }
        try {
            r = ctx.dispatcher.rejected(req, status, message, builtIn);
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "The application failed to answer a " + status + ": sent the built-in answer", t);
            return builtIn;
        } finally {
            if (req != null) {
                ctx.dispatched();
                req.release();
            }
        }
        if (r == null) {
            return builtIn;
        }
        return r.status() == status ? r : r.withStatus(status);
    }

    /** Past the connection limit: a polite 503, then close. */
    void refuse() {
        failWith(null, Status.SERVICE_UNAVAILABLE, Http1Loop.TOO_MANY_CONNECTIONS_MESSAGE,
                Http1Loop.TOO_MANY_CONNECTIONS, false);
        afterEvent();
    }

    // ---- output ----

    /** Encodes a response into the batch; {@code rec}: its exchange's record, if the exchange is observed. */
    private void encode(Response r, boolean headMethod, int mode, List<CompletionCallback> callbacks,
                        ExchangeRecord rec) {
        addWritten(callbacks);
        if (ctx.shuttingDown) {
            mode = ResponseEncoder.CLOSE; // dispatched before the shutdown began, answered after: the last on this connection
        }
        WriteBatch batch = ctx.batch;
        FileSegment file = null;
        if (!headMethod && r.body() instanceof Response.Body.File f && f.length() > 0
                && (file = FileSegment.open(f)) == null) {
            r = FILE_GONE; // gone since the handler answered
        }
        int mark = batch.buf.position();
        long headBytes;
        if (ctx.encoder.encodeHead(r, mode, ctx.date, batch.buf)) {
            headBytes = batch.buf.position() - mark;
        } else {
            flush();
            mark = batch.buf.position();
            if (ctx.encoder.encodeHead(r, mode, ctx.date, batch.buf)) {
                headBytes = batch.buf.position() - mark;
            } else {
                // A head larger than the whole batch (huge headers or content type): a buffer of its own.
                int size = 2 * batch.buf.capacity();
                ByteBuffer big = ByteBuffer.allocate(size);
                while (!ctx.encoder.encodeHead(r, mode, ctx.date, big)) {
                    big = ByteBuffer.allocate(size *= 2);
                }
                headBytes = big.flip().remaining();
                batch.put(big);
            }
        }
        long bodyBytes = 0;
        if (!headMethod && r.bodyLength() > 0) { // a Response refuses a body its status does not permit
            switch (r.body()) {
                case Response.Body.Bytes bytes -> {
                    batch.put(bytes);
                    bodyBytes = bytes.length();
                }
                case Response.Body.File f -> {
                    batch.put(file); // opened above; sent from the file by the queue
                    bodyBytes = f.length();
                }
            }
        }
        if (rec != null) {
            rec.finish(r, headBytes + bodyBytes, bodyBytes, System.nanoTime());
            ctx.completed(rec);
            rec.clear();
            spareRecord = rec;
        }
        if (batch.full()) {
            flush(); // large bodies: write now, so that backpressure applies within one read's pipeline
        }
        if (mode == ResponseEncoder.CLOSE) {
            closeAfterFlush = true;
            stopParsing = true;
        }
    }

    /** Encodes the responses at the head of the queue that are ready, in order. */
    private void drainQueue() {
        PendingResponse p;
        while (!closeAfterFlush && (p = pipeline.nextReady()) != null) {
            if (p.interim) {
                ctx.batch.put(ResponseEncoder.CONTINUE);
            } else {
                encode(p.response, p.headMethod, p.connection, p.callbacks, p.record);
            }
        }
    }

    /** Runs {@code callbacks} once the response encoded with them is written. */
    private void addWritten(List<CompletionCallback> callbacks) {
        writer.onceWritten(callbacks);
    }

    /** Writes the batch through the writer (see {@link OutboundWriter#flush}); reads pause past the backlog limit. */
    private void flush() {
        WriteBatch batch = ctx.batch;
        if (batch.isEmpty() || state == State.CLOSED) {
            batch.clear();
            return;
        }
        ctx.writing(this);
        try {
            writer.flush(batch);
        } catch (IOException e) {
            close();
        } finally {
            ctx.wrote();
        }
        if (state != State.CLOSED && writer.backlog() > ctx.config.maxQueuedWriteBytes()) {
            pauseReading();
        }
    }

    @Override
    public void onWritable() {
        long n;
        ctx.writing(this);
        try {
            n = writer.onWritable(ctx.batch.stage());
        } catch (IOException e) {
            close();
            return;
        } finally {
            ctx.wrote();
        }
        if (n > 0) {
            ctx.writeList.append(reaper, ctx.services.now() + ctx.writeTimeoutNanos); // progress: restart the write timeout
        }
        afterEvent();
    }

    // ---- after every event: ordering, backpressure, closing, timers ----

    /** Runs after each read, write or completion: encodes what is ready, writes, and files the connection. */
    void afterEvent() {
        drainQueue();
        flush();
        if (state == State.CLOSED) {
            return;
        }
        if (readPaused && canResume()) {
            resumeReading();
            return;
        }
        boolean idle = pipeline.isEmpty() && writer.idle();
        if (idle && closeAfterFlush) {
            lingerClose();
        } else if (idle && (inputEnded || ctx.shuttingDown && state == State.HEAD && carryLength == 0)) {
            close();
        } else {
            fileForReaper(idle);
        }
    }

    private void fileForReaper(boolean idle) {
        if (!writer.idle()) {
            if (reaper.list() != ctx.writeList) {
                ctx.writeList.append(reaper, ctx.services.now() + ctx.writeTimeoutNanos);
            }
        } else if (state == State.BODY || state == State.CHUNKED) {
            ctx.bodyList.insert(reaper, bodyDeadline());
        } else if (!idle || readPaused) {
            ctx.busyList.insert(reaper, pipeline.handlerDeadline(ctx.services.now() + Http1Loop.NEVER_NANOS));
        } else if (carryLength > 0) {
            if (reaper.list() != ctx.headerList) {
                ctx.headerList.append(reaper, headStartedAt + ctx.headerTimeoutNanos);
            }
        } else {
            ctx.idleList.append(reaper, ctx.services.now() + ctx.idleTimeoutNanos);
        }
    }

    private void pauseReading() {
        if (!readPaused) {
            readPaused = true;
            channel.readInterest(false);
        }
    }

    private boolean canResume() {
        return !pipeline.full() && writer.backlog() <= ctx.config.maxQueuedWriteBytes() / 2;
    }

    private void resumeReading() {
        readPaused = false;
        if (!inputEnded && !stopParsing) {
            channel.readInterest(true);
        }
        if (carryLength > 0) {
            // Requests read before the pause are still waiting in the carry: handle them now.
            headCarried = state == State.HEAD;
            ByteBuffer in = ctx.readBuffer;
            in.clear();
            takeCarry(in);
            process(in, 0, in.position());
        }
        afterEvent();
    }

    /**
     * Closes after the last response without losing it: half-close, then read and discard what the client still
     * sends for a moment, so that the kernel does not answer unread input with a reset (RFC 9112 §9.6).
     */
    private void lingerClose() {
        if (inputEnded) {
            close();
            return;
        }
        state = State.LINGER;
        carryLength = 0;
        pipeline.clear();
        channel.shutdownOutput();
        channel.readInterest(true);
        ctx.lingerList.append(reaper, ctx.services.now() + Http1Loop.LINGER_NANOS);
    }

    private void discardInput() {
        ByteBuffer in = ctx.readBuffer;
        try {
            for (int i = 0; i < 16; i++) {
                in.clear();
                int n = channel.read(in);
                if (n < 0) {
                    close();
                    return;
                }
                if (n == 0) {
                    return;
                }
            }
        } catch (IOException e) {
            close();
        }
    }

    // ---- reaper and shutdown ----

    /**
     * A body must keep arriving (within the idle timeout of the last bytes) and, if a minimum rate is set, keep up
     * with it after its first second: by then, {@code minBodyRate} bytes a second.
     */
    private long bodyDeadline() {
        long idle = ctx.services.now() + ctx.idleTimeoutNanos;
        long rate = ctx.config.minBodyRate();
        if (rate == 0) {
            return idle;
        }
        long onSchedule = bodyStartedAt + NANOS_PER_SECOND
                + (long) (bodyBytes * (double) NANOS_PER_SECOND / rate);
        return onSchedule - idle < 0 ? onSchedule : idle;
    }

    /** The reaper found this connection past its deadline in {@code expired}. */
    @Override
    public void expire(ConnectionList expired) {
        if (expired == ctx.headerList) {
            // Slowloris: the head did not arrive within the header timeout.
            failWith(null, Status.REQUEST_TIMEOUT, "Request head not received within the header timeout",
                    Response.text(Status.REQUEST_TIMEOUT, "Request head not received within the header timeout\n"),
                    true);
            afterEvent();
        } else if (expired == ctx.bodyList) {
            LOG.log(Level.DEBUG, "Closing a connection whose request body stalled or fell below the minimum rate");
            failWith(bodyRequest, Status.REQUEST_TIMEOUT, Http1Loop.BODY_TOO_SLOW_MESSAGE,
                    Http1Loop.BODY_TOO_SLOW, true);
            afterEvent();
        } else if (expired == ctx.busyList) {
            timeOutHandlers();
            afterEvent();
        } else {
            close();
        }
    }

    /** Answers 503 for every handler running past the handler timeout, and cancels it. */
    private void timeOutHandlers() {
        PendingResponse p;
        while ((p = pipeline.overdue(ctx.services.now())) != null) { // oldest first: each answer makes room
            // One line: the cancellation that follows is the engine's doing, not the handler's failure.
            HttpRequest r = p.request;
            LOG.log(Level.WARNING, "Handler of " + r.methodUnchecked() + " " + r.routeForDiagnostics()
                    + " did not answer within the handlerTimeout of " + ctx.config.handlerTimeout().toMillis()
                    + " ms: answered 503 and cancelled it (" + r.describe() + ")");
            answerInstead(p, Http1Loop.HANDLER_TIMEOUT_MESSAGE, Http1Loop.HANDLER_TIMEOUT, true);
        }
    }

    /**
     * Answers for a handler still running, through the application's error handlers and after filters, and cancels
     * the handler first, so that its own filters no longer run on an answer nobody will get.
     */
    private void answerInstead(PendingResponse p, String message, Response builtIn, boolean timedOut) {
        ctx.requestsAnswered(1);
        if (p.record != null) {
            p.record.rejected = true;
            p.record.timedOut = timedOut;
        }
        p.cancel();
        p.complete(dressed(p.request, builtIn.status(), message, builtIn));
    }

    /**
     * Graceful shutdown has begun: an idle connection first reads what may already wait in its socket (a request
     * the client sent just before the drain, answered with {@code Connection: close}), then closes; a busy one
     * closes after its current responses.
     */
    void shutdownBegun() {
        if (state == State.HEAD && pipeline.isEmpty() && writer.idle() && !readPaused) {
            onReadable(); // with nothing to read, afterEvent closes it at once
        }
    }

    /** The grace period is over: answer every unfinished request with 503, then close. */
    void forceClose() {
        if (state == State.BODY || state == State.CHUNKED) {
            HttpRequest req = bodyRequest;
            ExchangeRecord rec = ctx.observing() ? rejection(req, false) : null;
            state = State.HEAD;
            bodyRequest = null;
            respond(dressed(req, Status.SERVICE_UNAVAILABLE, Http1Loop.SHUTTING_DOWN_MESSAGE,
                    Http1Loop.SHUTTING_DOWN), req.head().method() == Methods.HEAD, ResponseEncoder.CLOSE,
                    req.takeCallbacks(), rec);
        }
        PendingResponse p;
        while ((p = pipeline.unanswered()) != null) {
            answerInstead(p, Http1Loop.SHUTTING_DOWN_MESSAGE, Http1Loop.SHUTTING_DOWN, false);
        }
        drainQueue();
        flush();
        close();
    }

    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (reaper.list() != null) {
            reaper.list().remove(reaper);
        }
        carry = null;
        carryLength = 0;
        ctx.requestsAnswered(pipeline.abandon(writer)); // their handlers are cancelled: no longer in flight
        channel.close();
        ctx.closed(this);
        writer.closed();
    }

    @Override
    public void onClosed() {
        close();
    }
}
