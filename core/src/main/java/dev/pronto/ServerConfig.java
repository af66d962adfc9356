package dev.pronto;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Everything a server can be tuned with; immutable. Made by {@link #builder()} (or {@link #toBuilder()} from another
 * one), so that a setting added later never breaks a caller; each setting, its default and what happens past it is
 * described on its {@link Builder} method.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder().port(8080).eventLoops(2).idleTimeout(Duration.ofSeconds(30)).build();
 * }</pre>
 */
public final class ServerConfig {
    /** A transport id: what a {@code dev.pronto.transport.TransportProvider} calls itself, or {@code auto}. */
    private static final Pattern TRANSPORT_ID = Pattern.compile("[a-z0-9_]+");
    /** The unknown {@code PRONTO_*} variables already warned about: each once per process. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final String host;
    private final int port;
    private final int eventLoops;
    private final String transport;
    private final int maxConnections;
    private final int maxRequestLineBytes;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final long maxBodyBytes;
    private final long maxChunkBytes;
    private final long minBodyRate;
    private final int maxPipelinedRequests;
    private final int maxQueuedWriteBytes;
    private final Duration writeTimeout;
    private final Duration idleTimeout;
    private final Duration headerTimeout;
    private final Duration handlerTimeout;
    private final Duration stallWarning;
    private final Duration shutdownGrace;
    private final Duration readinessDelay;

    private ServerConfig(Builder b) {
        host = b.host;
        port = b.port;
        eventLoops = b.eventLoops;
        transport = b.transport;
        maxConnections = b.maxConnections;
        maxRequestLineBytes = b.maxRequestLineBytes;
        maxHeaderBytes = b.maxHeaderBytes;
        maxHeaderCount = b.maxHeaderCount;
        maxBodyBytes = b.maxBodyBytes;
        maxChunkBytes = b.maxChunkBytes;
        minBodyRate = b.minBodyRate;
        maxPipelinedRequests = b.maxPipelinedRequests;
        maxQueuedWriteBytes = b.maxQueuedWriteBytes;
        writeTimeout = b.writeTimeout;
        idleTimeout = b.idleTimeout;
        headerTimeout = b.headerTimeout;
        handlerTimeout = b.handlerTimeout;
        stallWarning = b.stallWarning;
        shutdownGrace = b.shutdownGrace;
        readinessDelay = b.readinessDelay;
    }

    /** @return a builder holding the defaults that its methods name */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults, the same as {@code builder().build()}.
     *
     * @return the default configuration
     */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /**
     * The defaults, each replaced by its system property or environment variable where one is set: the setting
     * {@code max-body} reads the property {@code pronto.max-body}, else the variable {@code PRONTO_MAX_BODY}
     * (upper case, {@code -} becomes {@code _}; the launcher's flag is {@code --max-body}). Sizes read {@code 512}
     * (bytes), {@code 64KiB}, {@code 10MiB}; durations {@code 250ms}, {@code 30s}, {@code 2m} or a number of
     * seconds. A variable that starts with {@code PRONTO_} but names no setting is logged once as a warning with
     * the closest name that does. Every setting is in {@code docs/configuration.md} and in {@link Settings.Key}.
     *
     * <pre>{@code
     * // PRONTO_PORT=9000 PRONTO_MAX_BODY=64KiB java -jar app.jar
     * app.run(ServerConfig.fromEnvironment());
     * }</pre>
     *
     * @return the configuration
     * @throws IllegalArgumentException naming the variable or property of a malformed or out-of-range value and the
     *                                  forms accepted, e.g. {@code PRONTO_MAX_BODY="ten": expected a size such as
     *                                  512, 64KiB, 10MiB}
     */
    public static ServerConfig fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperties(), ServerConfig::logOnce);
    }

    /**
     * {@link #fromEnvironment()} over a given environment and properties, for tests.
     *
     * @param env        the environment variables
     * @param properties the system properties
     * @param warnings   receives each warning line
     * @return the configuration
     */
    static ServerConfig fromEnvironment(Map<String, String> env, Properties properties, Consumer<String> warnings) {
        Settings settings = Settings.read(List.of(), env, properties);
        settings.warnings().forEach(warnings);
        return settings.serverConfig();
    }

    private static void logOnce(String warning) {
        if (WARNED.add(warning)) {
            System.getLogger(ServerConfig.class.getName()).log(System.Logger.Level.WARNING, warning);
        }
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the address to bind; see {@link Builder#host} */
    public String host() { return host; }

    /** @return the TCP port, 0 for any free one; see {@link Builder#port} */
    public int port() { return port; }

    /** @return how many event loops (threads) serve; see {@link Builder#eventLoops} */
    public int eventLoops() { return eventLoops; }

    /** @return the id of the transport the event loops run on, or {@code auto}; see {@link Builder#transport} */
    public String transport() { return transport; }

    /** @return the most open connections over all loops; see {@link Builder#maxConnections} */
    public int maxConnections() { return maxConnections; }

    /** @return the longest request line accepted, in bytes; see {@link Builder#maxRequestLineBytes} */
    public int maxRequestLineBytes() { return maxRequestLineBytes; }

    /** @return the largest header section accepted, in bytes; see {@link Builder#maxHeaderBytes} */
    public int maxHeaderBytes() { return maxHeaderBytes; }

    /** @return the most header fields accepted; see {@link Builder#maxHeaderCount} */
    public int maxHeaderCount() { return maxHeaderCount; }

    /** @return the largest request body accepted, in bytes; see {@link Builder#maxBodyBytes} */
    public long maxBodyBytes() { return maxBodyBytes; }

    /** @return the largest chunk of a chunked body accepted, in bytes; see {@link Builder#maxChunkBytes} */
    public long maxChunkBytes() { return maxChunkBytes; }

    /** @return the bytes per second a request body must keep up, 0 for none; see {@link Builder#minBodyRate} */
    public long minBodyRate() { return minBodyRate; }

    /** @return requests read ahead of their responses per connection; see {@link Builder#maxPipelinedRequests} */
    public int maxPipelinedRequests() { return maxPipelinedRequests; }

    /** @return response bytes queued per connection before reading pauses; see {@link Builder#maxQueuedWriteBytes} */
    public int maxQueuedWriteBytes() { return maxQueuedWriteBytes; }

    /** @return how long queued output may make no progress; see {@link Builder#writeTimeout} */
    public Duration writeTimeout() { return writeTimeout; }

    /** @return how long a keep-alive connection may idle; see {@link Builder#idleTimeout} */
    public Duration idleTimeout() { return idleTimeout; }

    /** @return how long a client may take to send a request head; see {@link Builder#headerTimeout} */
    public Duration headerTimeout() { return headerTimeout; }

    /** @return how long a blocking or asynchronous handler may take; see {@link Builder#handlerTimeout} */
    public Duration handlerTimeout() { return handlerTimeout; }

    /** @return how long a plain handler may hold its event loop unlogged; see {@link Builder#stallWarning} */
    public Duration stallWarning() { return stallWarning; }

    /** @return how long in-flight requests may run once the listener closes; see {@link Builder#shutdownGrace} */
    public Duration shutdownGrace() { return shutdownGrace; }

    /** @return how long a drain keeps serving with readiness down; see {@link Builder#readinessDelay} */
    public Duration readinessDelay() { return readinessDelay; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerConfig c
                && host.equals(c.host) && port == c.port && eventLoops == c.eventLoops
                && transport.equals(c.transport) && maxConnections == c.maxConnections
                && maxRequestLineBytes == c.maxRequestLineBytes && maxHeaderBytes == c.maxHeaderBytes
                && maxHeaderCount == c.maxHeaderCount && maxBodyBytes == c.maxBodyBytes
                && maxChunkBytes == c.maxChunkBytes && minBodyRate == c.minBodyRate
                && maxPipelinedRequests == c.maxPipelinedRequests && maxQueuedWriteBytes == c.maxQueuedWriteBytes
                && writeTimeout.equals(c.writeTimeout) && idleTimeout.equals(c.idleTimeout)
                && headerTimeout.equals(c.headerTimeout) && handlerTimeout.equals(c.handlerTimeout)
                && stallWarning.equals(c.stallWarning) && shutdownGrace.equals(c.shutdownGrace)
                && readinessDelay.equals(c.readinessDelay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, eventLoops, transport, maxConnections, maxRequestLineBytes, maxHeaderBytes,
                maxHeaderCount, maxBodyBytes, maxChunkBytes, minBodyRate, maxPipelinedRequests, maxQueuedWriteBytes,
                writeTimeout, idleTimeout, headerTimeout, handlerTimeout, stallWarning, shutdownGrace, readinessDelay);
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", eventLoops=" + eventLoops + ", transport="
                + transport + ", maxConnections=" + maxConnections + ", maxRequestLineBytes=" + maxRequestLineBytes
                + ", maxHeaderBytes=" + maxHeaderBytes + ", maxHeaderCount=" + maxHeaderCount + ", maxBodyBytes="
                + maxBodyBytes + ", maxChunkBytes=" + maxChunkBytes + ", minBodyRate=" + minBodyRate
                + ", maxPipelinedRequests=" + maxPipelinedRequests + ", maxQueuedWriteBytes=" + maxQueuedWriteBytes
                + ", writeTimeout=" + writeTimeout + ", idleTimeout=" + idleTimeout + ", headerTimeout="
                + headerTimeout + ", handlerTimeout=" + handlerTimeout + ", stallWarning=" + stallWarning
                + ", shutdownGrace=" + shutdownGrace + ", readinessDelay=" + readinessDelay + "]";
    }

    /**
     * A mutable builder of {@link ServerConfig}, starting from the defaults; {@link #build()} checks every value and
     * names the first one out of range ({@code "port must be in [0, 65535], was 70000"}).
     */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private int eventLoops = Runtime.getRuntime().availableProcessors();
        private String transport = "auto";
        private int maxConnections = 100_000;
        private int maxRequestLineBytes = 8 * 1024;
        private int maxHeaderBytes = 16 * 1024;
        private int maxHeaderCount = 100;
        private long maxBodyBytes = 10L * 1024 * 1024;
        private long maxChunkBytes = 10L * 1024 * 1024;
        private long minBodyRate = 1024;
        private int maxPipelinedRequests = 1024;
        private int maxQueuedWriteBytes = 4 * 1024 * 1024;
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration handlerTimeout = Duration.ofSeconds(30);
        private Duration stallWarning = Duration.ofSeconds(1);
        private Duration shutdownGrace = Duration.ofSeconds(5);
        private Duration readinessDelay = Duration.ZERO;

        private Builder() {
        }

        private Builder(ServerConfig c) {
            host = c.host;
            port = c.port;
            eventLoops = c.eventLoops;
            transport = c.transport;
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
            readinessDelay = c.readinessDelay;
        }

        /**
         * The address to bind, default {@code 0.0.0.0} (every interface); {@code 127.0.0.1} or {@code ::1} serve
         * this machine only. A name that does not resolve fails at start ({@code Cannot listen on …: unknown host}).
         *
         * @param v a host name or address literal
         * @return this builder
         */
        public Builder host(String v) {
            host = Objects.requireNonNull(v, "host");
            return this;
        }

        /**
         * The TCP port, default 8080; 0 picks a free one ({@link Server#port()} tells which). A port something else
         * listens on fails at start ({@code Cannot listen on …: address already in use}).
         *
         * @param v the port, 0 to 65535
         * @return this builder
         */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /**
         * How many event loops (threads) serve the connections, default one per core; each connection stays on one
         * loop for its whole life.
         *
         * @param v the number of loops, 1 to 4096
         * @return this builder
         */
        public Builder eventLoops(int v) {
            eventLoops = v;
            return this;
        }

        /**
         * The transport the event loops run on, by id, default {@code auto}: {@code io_uring}, then {@code epoll},
         * then {@code nio}, the first one present and able to work on this machine. {@code nio} (the JDK's
         * selectors) is built in and works everywhere; other transports come from modules on the class or module
         * path. An id that no transport present has fails at start with an {@link IllegalArgumentException} naming
         * the known ones.
         *
         * @param v the id: lowercase letters, digits and {@code _}
         * @return this builder
         */
        public Builder transport(String v) {
            transport = Objects.requireNonNull(v, "transport");
            return this;
        }

        /**
         * The most connections open at once over all loops, default 100,000; past it a new connection gets 503
         * with {@code Retry-After: 1} and is closed.
         *
         * @param v the limit, at least 1
         * @return this builder
         */
        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        /**
         * The longest request line accepted, default 8 KiB; a longer one gets 414 and the connection closes.
         *
         * @param v the limit in bytes, 64 to 1 MiB
         * @return this builder
         */
        public Builder maxRequestLineBytes(int v) {
            maxRequestLineBytes = v;
            return this;
        }

        /**
         * The largest header section accepted, default 16 KiB; a larger one gets 431 and the connection closes.
         *
         * @param v the limit in bytes, 256 to 4 MiB
         * @return this builder
         */
        public Builder maxHeaderBytes(int v) {
            maxHeaderBytes = v;
            return this;
        }

        /**
         * The most header fields accepted, default 100; more get 431 and the connection closes.
         *
         * @param v the limit, 1 to 10,000
         * @return this builder
         */
        public Builder maxHeaderCount(int v) {
            maxHeaderCount = v;
            return this;
        }

        /**
         * The largest request body accepted, default 10 MiB; a larger declared body gets 413 before it is read
         * (also for {@code Expect: 100-continue}), and the connection closes.
         *
         * @param v the limit in bytes, 0 to {@code Integer.MAX_VALUE - 16}
         * @return this builder
         */
        public Builder maxBodyBytes(long v) {
            maxBodyBytes = v;
            return this;
        }

        /**
         * The largest single chunk of a chunked body, default 10 MiB; a larger one gets 413 and the connection
         * closes.
         *
         * @param v the limit in bytes, at least 1
         * @return this builder
         */
        public Builder maxChunkBytes(long v) {
            maxChunkBytes = v;
            return this;
        }

        /**
         * The bytes per second a request body must keep up after its first second, default 1024; a slower body
         * gets 408 and the connection closes. 0: no minimum, only the idle timeout.
         *
         * @param v the rate in bytes per second, at least 0
         * @return this builder
         */
        public Builder minBodyRate(long v) {
            minBodyRate = v;
            return this;
        }

        /**
         * The requests read ahead of their responses on one connection, default 1024; past it reading pauses until
         * responses drain (backpressure).
         *
         * @param v the limit, 1 to 1,048,576
         * @return this builder
         */
        public Builder maxPipelinedRequests(int v) {
            maxPipelinedRequests = v;
            return this;
        }

        /**
         * The response bytes queued for one client that does not read, default 4 MiB; past it reading pauses until
         * the client reads (backpressure).
         *
         * @param v the limit in bytes, at least 1024
         * @return this builder
         */
        public Builder maxQueuedWriteBytes(int v) {
            maxQueuedWriteBytes = v;
            return this;
        }

        /**
         * How long a connection's queued responses may make no progress, default 30 s; past it the connection is
         * closed.
         *
         * @param v a positive duration
         * @return this builder
         */
        public Builder writeTimeout(Duration v) {
            writeTimeout = Objects.requireNonNull(v, "writeTimeout");
            return this;
        }

        /**
         * How long a keep-alive connection may wait with no request in progress, default 60 s; past it the
         * connection is closed.
         *
         * @param v a positive duration
         * @return this builder
         */
        public Builder idleTimeout(Duration v) {
            idleTimeout = Objects.requireNonNull(v, "idleTimeout");
            return this;
        }

        /**
         * How long a client may take to send a request head, default 10 s; past it the client gets 408 and the
         * connection closes (slowloris).
         *
         * @param v a positive duration
         * @return this builder
         */
        public Builder headerTimeout(Duration v) {
            headerTimeout = Objects.requireNonNull(v, "headerTimeout");
            return this;
        }

        /**
         * How long a blocking or asynchronous handler may take to answer, default 30 s; past it the request gets
         * 503 and the handler is interrupted or cancelled.
         *
         * @param v a positive duration
         * @return this builder
         */
        public Builder handlerTimeout(Duration v) {
            handlerTimeout = Objects.requireNonNull(v, "handlerTimeout");
            return this;
        }

        /**
         * How long a plain handler may hold its event loop, default 1 s; past it the handler is logged as a
         * blocking call on the loop, with its route and stack; so is a write to one connection that holds the loop
         * this long, with the peer and route.
         *
         * @param v a positive duration
         * @return this builder
         */
        public Builder stallWarning(Duration v) {
            stallWarning = Objects.requireNonNull(v, "stallWarning");
            return this;
        }

        /**
         * How long in-flight requests may run once a graceful shutdown has closed the listener, default 5 s; past it
         * those still running get 503. It starts after the {@link #readinessDelay readiness delay}.
         *
         * @param v a duration, zero or more
         * @return this builder
         */
        public Builder shutdownGrace(Duration v) {
            shutdownGrace = Objects.requireNonNull(v, "shutdownGrace");
            return this;
        }

        /**
         * How long a graceful shutdown (SIGTERM, {@link Server#close()}, the launcher's drain or rolling restart)
         * goes on accepting and serving while the readiness probe of {@link App#health} answers 503, default 0
         * (none): time for a load balancer or a Kubernetes Service to see the probe fail and stop sending work here
         * before the listener closes. Only then do idle connections close and the {@link #shutdownGrace grace}
         * start; liveness stays 200 throughout. Set it to at least the probe's period times its failure threshold.
         *
         * @param v a duration, zero or more
         * @return this builder
         */
        public Builder readinessDelay(Duration v) {
            readinessDelay = Objects.requireNonNull(v, "readinessDelay");
            return this;
        }

        /**
         * Checks every value and makes the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the first setting out of range, e.g.
         *                                  {@code "idleTimeout must be positive, was PT0S"}
         */
        public ServerConfig build() {
            requireRange("port", port, 0, 65535);
            requireRange("eventLoops", eventLoops, 1, 4096);
            if (!TRANSPORT_ID.matcher(transport).matches()) {
                throw new IllegalArgumentException("transport must be an id of lowercase letters, digits and _"
                        + " (auto, nio…), was \"" + transport + "\"");
            }
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
            if (shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative, was " + shutdownGrace);
            }
            if (readinessDelay.isNegative()) {
                throw new IllegalArgumentException("readinessDelay must not be negative, was " + readinessDelay);
            }
            return new ServerConfig(this);
        }

        private static void requireRange(String name, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
            }
        }

        private static void requirePositive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
        }
    }
}
