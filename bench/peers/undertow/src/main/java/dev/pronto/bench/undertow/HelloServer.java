package dev.pronto.bench.undertow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Undertow hello-world peer for the benchmark harness: one XNIO I/O thread, no worker threads; the handler
 * runs on the I/O thread (it never calls {@code dispatch()}). {@code GET /} answers {@code Hello world!},
 * {@code GET /json} a JSON object serialised by Jackson per request, {@code POST /echo} the request body;
 * anything else 404. Undertow adds the {@code Date} header itself.
 *
 * <pre>java -jar undertow-peer.jar [--port 8080] [--host 127.0.0.1]</pre>
 */
public final class HelloServer {

    private static final ByteBuffer HELLO =
            ByteBuffer.allocateDirect(12).put("Hello world!".getBytes(StandardCharsets.US_ASCII)).flip();
    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    private static final String APPLICATION_JSON = "application/json";
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HelloServer() {}

    public static void main(String[] args) {
        String host = "127.0.0.1";
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--host" -> host = value(args, ++i);
                default -> usage("unknown argument: " + args[i]);
            }
        }
        Undertow server = Undertow.builder()
                .setIoThreads(1)
                .setWorkerThreads(0) // nothing is dispatched; see README for what XNIO still starts
                .addHttpListener(port, host)
                .setHandler(HelloServer::handle)
                .build();
        server.start();
        System.out.printf("undertow-peer listening on %s:%d (1 I/O thread, handler on it)%n", host, port);
    }

    private static void handle(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        HttpString method = exchange.getRequestMethod();
        if (path.equals("/") && method.equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, TEXT_PLAIN);
            exchange.getResponseSender().send(HELLO.duplicate());
        } else if (path.equals("/json") && method.equals(Methods.GET)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, APPLICATION_JSON);
            exchange.getResponseSender().send(ByteBuffer.wrap(JSON.writeValueAsBytes(Map.of("message", "Hello, World!"))));
        } else if (path.equals("/echo") && method.equals(Methods.POST)) {
            // Not dispatched, so the receiver reads on the I/O thread and calls back there.
            exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
                ex.getResponseHeaders().put(Headers.CONTENT_TYPE, OCTET_STREAM);
                ex.getResponseSender().send(ByteBuffer.wrap(body));
            });
        } else {
            exchange.setStatusCode(404);
            exchange.endExchange();
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
        System.err.println("usage: java -jar undertow-peer.jar [--port 8080] [--host 127.0.0.1]");
        System.exit(2);
    }
}
