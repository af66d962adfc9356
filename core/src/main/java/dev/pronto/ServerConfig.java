package dev.pronto;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a server can be tuned with; immutable. Start from {@link #defaults()} and change what you need with
 * {@link #toBuilder()}.
 *
 * @param host                  address to bind, e.g. {@code 0.0.0.0}, {@code 127.0.0.1} or {@code ::1}
 * @param port                  TCP port; 0 picks a free one (see {@link Server#port()})
 * @param eventLoops            number of event loops (threads), one per core by default
 * @param maxConnections        open connections over all loops; past it a new one gets 503 and is closed
 * @param maxRequestLineBytes   longest request line accepted; longer ones get 414
 * @param maxHeaderBytes        largest header section accepted; larger ones get 431
 * @param maxHeaderCount        most header fields accepted; more get 431
 * @param maxBodyBytes          largest request body accepted; larger ones get 413
 * @param maxChunkBytes         largest single chunk of a chunked body; larger ones get 413
 * @param minBodyRate           bytes per second a request body must keep up after its first second; a slower body
 *                              gets 408 and the connection closes (0: no minimum, only the idle timeout)
 * @param maxPipelinedRequests  requests read ahead of their responses on one connection; past it reading pauses
 * @param maxQueuedWriteBytes   response bytes queued for a client that does not read; past it reading pauses
 * @param writeTimeout          a connection whose queued responses make no progress this long is closed
 * @param idleTimeout           a keep-alive connection with no request in progress this long is closed
 * @param headerTimeout         a connection still sending its request head this long is closed
 * @param handlerTimeout        an asynchronous or blocking handler that has not answered this long gets 503
 * @param stallWarning          a plain handler still running on its event loop after this long is logged as a
 *                              blocking call on the loop, with its route and stack; so is a write to one connection
 *                              that holds the loop this long, with the peer and route
 * @param shutdownGrace         how long in-flight requests may run after shutdown begins; later ones get 503
 */
public record ServerConfig(
        String host,
        int port,
        int eventLoops,
        int maxConnections,
        int maxRequestLineBytes,
        int maxHeaderBytes,
        int maxHeaderCount,
        long maxBodyBytes,
        long maxChunkBytes,
        long minBodyRate,
        int maxPipelinedRequests,
        int maxQueuedWriteBytes,
        Duration writeTimeout,
        Duration idleTimeout,
        Duration headerTimeout,
        Duration handlerTimeout,
        Duration stallWarning,
        Duration shutdownGrace) {

    /** Validates every field. */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        requireRange("port", port, 0, 65535);
        requireRange("eventLoops", eventLoops, 1, 4096);
        requireRange("maxConnections", maxConnections, 1, Integer.MAX_VALUE);
        requireRange("maxRequestLineBytes", maxRequestLineBytes, 64, 1 << 20);
        requireRange("maxHeaderBytes", maxHeaderBytes, 256, 1 << 22);
        requireRange("maxHeaderCount", maxHeaderCount, 1, 10_000);
        requireRange("maxBodyBytes", maxBodyBytes, 0, Integer.MAX_VALUE - 16);
        requireRange("maxChunkBytes", maxChunkBytes, 1, Long.MAX_VALUE);
        requireRange("minBodyRate", minBodyRate, 0, Long.MAX_VALUE);
        requireRange("maxPipelinedRequests", maxPipelinedRequests, 1, 1 << 20);
        requireRange("maxQueuedWriteBytes", maxQueuedWriteBytes, 1024, Integer.MAX_VALUE);
        requirePositive("writeTimeout", writeTimeout);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("headerTimeout", headerTimeout);
        requirePositive("handlerTimeout", handlerTimeout);
        requirePositive("stallWarning", stallWarning);
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative");
        }
    }

    /**
     * The defaults: all interfaces, port 8080, one loop per core, 100,000 connections, 8 KiB request line, 16 KiB
     * and 100 headers, 10 MiB bodies at 1 KiB/s at least, 1024 pipelined requests, 4 MiB queued output, 1 s stall
     * warning, 30 s write, 60 s idle, 10 s header, 30 s handler, 5 s grace.
     *
     * @return the default configuration
     */
    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 8080, Runtime.getRuntime().availableProcessors(), 100_000,
                8 * 1024, 16 * 1024, 100, 10L * 1024 * 1024, 10L * 1024 * 1024, 1024, 1024, 4 * 1024 * 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder(defaults());
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** A mutable builder of {@link ServerConfig}; {@link #build()} validates. */
    public static final class Builder {
        private String host;
        private int port;
        private int eventLoops;
        private int maxConnections;
        private int maxRequestLineBytes;
        private int maxHeaderBytes;
        private int maxHeaderCount;
        private long maxBodyBytes;
        private long maxChunkBytes;
        private long minBodyRate;
        private int maxPipelinedRequests;
        private int maxQueuedWriteBytes;
        private Duration writeTimeout;
        private Duration idleTimeout;
        private Duration headerTimeout;
        private Duration handlerTimeout;
        private Duration stallWarning;
        private Duration shutdownGrace;

        private Builder(ServerConfig c) {
            host = c.host;
            port = c.port;
            eventLoops = c.eventLoops;
            maxConnections = c.maxConnections;
            maxRequestLineBytes = c.maxRequestLineBytes;
            maxHeaderBytes = c.maxHeaderBytes;
            maxHeaderCount = c.maxHeaderCount;
            maxBodyBytes = c.maxBodyBytes;
            maxChunkBytes = c.maxChunkBytes;
            minBodyRate = c.minBodyRate;
            maxPipelinedRequests = c.maxPipelinedRequests;
            maxQueuedWriteBytes = c.maxQueuedWriteBytes;
            writeTimeout = c.writeTimeout;
            idleTimeout = c.idleTimeout;
            headerTimeout = c.headerTimeout;
            handlerTimeout = c.handlerTimeout;
            stallWarning = c.stallWarning;
            shutdownGrace = c.shutdownGrace;
        }

        /** @param v address to bind @return this */
        public Builder host(String v) { host = v; return this; }
        /** @param v TCP port, 0 for any free one @return this */
        public Builder port(int v) { port = v; return this; }
        /** @param v number of event loops @return this */
        public Builder eventLoops(int v) { eventLoops = v; return this; }
        /** @param v most open connections over all loops @return this */
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        /** @param v longest request line, in bytes @return this */
        public Builder maxRequestLineBytes(int v) { maxRequestLineBytes = v; return this; }
        /** @param v largest header section, in bytes @return this */
        public Builder maxHeaderBytes(int v) { maxHeaderBytes = v; return this; }
        /** @param v most header fields @return this */
        public Builder maxHeaderCount(int v) { maxHeaderCount = v; return this; }
        /** @param v largest request body, in bytes @return this */
        public Builder maxBodyBytes(long v) { maxBodyBytes = v; return this; }
        /** @param v largest chunk of a chunked body, in bytes @return this */
        public Builder maxChunkBytes(long v) { maxChunkBytes = v; return this; }
        /** @param v bytes per second a request body must keep up, 0 for no minimum @return this */
        public Builder minBodyRate(long v) { minBodyRate = v; return this; }
        /** @param v requests in flight per connection before reading pauses @return this */
        public Builder maxPipelinedRequests(int v) { maxPipelinedRequests = v; return this; }
        /** @param v queued response bytes per connection before reading pauses @return this */
        public Builder maxQueuedWriteBytes(int v) { maxQueuedWriteBytes = v; return this; }
        /** @param v how long queued output may make no progress @return this */
        public Builder writeTimeout(Duration v) { writeTimeout = v; return this; }
        /** @param v how long a keep-alive connection may idle @return this */
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        /** @param v how long a client may take to send a request head @return this */
        public Builder headerTimeout(Duration v) { headerTimeout = v; return this; }
        /** @param v how long an asynchronous or blocking handler may take before 503 @return this */
        public Builder handlerTimeout(Duration v) { handlerTimeout = v; return this; }
        /** @param v how long a plain handler may hold its event loop before it is logged @return this */
        public Builder stallWarning(Duration v) { stallWarning = v; return this; }
        /** @param v how long in-flight requests may run after shutdown begins @return this */
        public Builder shutdownGrace(Duration v) { shutdownGrace = v; return this; }

        /** @return the validated configuration */
        public ServerConfig build() {
            return new ServerConfig(host, port, eventLoops, maxConnections, maxRequestLineBytes, maxHeaderBytes,
                    maxHeaderCount, maxBodyBytes, maxChunkBytes, minBodyRate, maxPipelinedRequests,
                    maxQueuedWriteBytes, writeTimeout, idleTimeout, headerTimeout, handlerTimeout, stallWarning,
                    shutdownGrace);
        }
    }
}
