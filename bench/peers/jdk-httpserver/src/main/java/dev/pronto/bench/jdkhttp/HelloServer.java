package dev.pronto.bench.jdkhttp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Hello-world peer on the JDK's built-in {@code com.sun.net.httpserver.HttpServer}, whose executor is one thread:
 * the server's own dispatcher thread accepts and reads request heads, the executor thread runs the handler.
 * {@code GET /} answers {@code Hello world!}, {@code GET /json} a JSON object serialised by Jackson per request,
 * {@code POST /echo} the request body; anything else 404. The JDK adds the {@code Date} header.
 *
 * <pre>java -jar jdk-httpserver-peer.jar [--port 8080] [--host 127.0.0.1]</pre>
 */
public final class HelloServer {

    private static final byte[] HELLO = "Hello world!".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private HelloServer() {}

    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--host" -> host = value(args, ++i);
                default -> usage("unknown argument: " + args[i]);
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        server.createContext("/", HelloServer::handle);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
        System.out.printf("jdk-httpserver-peer listening on %s:%d (1 executor thread)%n", host, port);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/") && method.equals("GET")) {
                send(exchange, 200, "text/plain; charset=utf-8", HELLO);
            } else if (path.equals("/json") && method.equals("GET")) {
                send(exchange, 200, "application/json", JSON.writeValueAsBytes(Map.of("message", "Hello, World!")));
            } else if (path.equals("/echo") && method.equals("POST")) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                send(exchange, 200, "application/octet-stream", body);
            } else {
                exchange.sendResponseHeaders(404, -1); // -1: no body, Content-Length: 0
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
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
        System.err.println("usage: java -jar jdk-httpserver-peer.jar [--port 8080] [--host 127.0.0.1]");
        System.exit(2);
    }
}
