package dev.pronto.bench.jetty;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12 hello-world peer for the benchmark harness: one selector that also accepts, a non-blocking
 * {@code Handler.Abstract} (so Jetty runs it on the selector thread), on a {@code QueuedThreadPool} of
 * {@value #THREADS} threads, the smallest that Jetty's thread budget accepts with one selector (see
 * bench/README.md). {@code GET /} answers {@code Hello world!}, {@code GET /json} a JSON object serialised by
 * Jackson per request, {@code POST /echo} the request body; anything else 404. Jetty adds the {@code Date} header.
 *
 * <pre>java -jar jetty-peer.jar [--port 8080] [--host 127.0.0.1] [--threads 2]</pre>
 */
public final class HelloServer {

    static final int THREADS = 2;
    private static final int MAX_ECHO_BYTES = 1 << 20;
    private static final ByteBuffer HELLO =
            ByteBuffer.allocateDirect(12).put("Hello world!".getBytes(StandardCharsets.US_ASCII)).flip();
    private static final HttpField TEXT_PLAIN = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    private static final HttpField APPLICATION_JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField OCTET_STREAM = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HelloServer() {}

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8080;
        int threads = THREADS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--host" -> host = value(args, ++i);
                case "--threads" -> threads = Integer.parseInt(value(args, ++i));
                default -> usage("unknown argument: " + args[i]);
            }
        }
        QueuedThreadPool pool = new QueuedThreadPool(threads, threads);
        pool.setReservedThreads(0); // no threads kept spare for blocking work: the handler never blocks
        pool.setName("jetty");
        Server server = new Server(pool);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // as the other peers: no Server header
        http.setSendDateHeader(true);
        // 0 acceptors: the one selector accepts too, as the single-loop peers do.
        ServerConnector connector = new ServerConnector(server, 0, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Hello());
        server.start();
        System.out.printf("jetty-peer listening on %s:%d (1 selector, 0 acceptors, pool of %d threads)%n",
                host, port, pool.getMaxThreads());
        server.join();
    }

    /** Non-blocking, so the selector thread may run it directly instead of handing it to the pool. */
    private static final class Hello extends Handler.Abstract.NonBlocking {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            if (path.equals("/") && method.equals("GET")) {
                send(response, TEXT_PLAIN, HELLO.slice(), callback);
            } else if (path.equals("/json") && method.equals("GET")) {
                send(response, APPLICATION_JSON,
                        ByteBuffer.wrap(JSON.writeValueAsBytes(Map.of("message", "Hello, World!"))), callback);
            } else if (path.equals("/echo") && method.equals("POST")) {
                Content.Source.asByteArrayAsync(request, MAX_ECHO_BYTES, Promise.Invocable.from(
                        Invocable.InvocationType.NON_BLOCKING,
                        body -> send(response, OCTET_STREAM, ByteBuffer.wrap(body), callback),
                        callback::failed));
            } else {
                response.setStatus(404);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
                response.write(true, null, callback);
            }
            return true;
        }

        private static void send(Response response, HttpField contentType, ByteBuffer body, Callback callback) {
            response.getHeaders().add(contentType);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
            response.write(true, body, callback);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage("missing value after " + args[i - 1]);
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -jar jetty-peer.jar [--port 8080] [--host 127.0.0.1] [--threads " + THREADS + "]");
        System.exit(2);
    }
}
