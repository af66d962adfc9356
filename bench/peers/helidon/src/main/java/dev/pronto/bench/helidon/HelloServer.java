package dev.pronto.bench.helidon;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Helidon 4 SE hello-world peer for the benchmark harness: a {@link WebServer} with HTTP/1.1 routing. Helidon
 * serves each connection on its own virtual thread; the harness pins the process to one core, so the JDK's
 * virtual-thread scheduler has one carrier. {@code GET /} answers {@code Hello world!}, {@code GET /json} a
 * {@code Map} that Helidon's Jackson media support serialises per request, {@code POST /echo} the request body;
 * other paths get Helidon's own 404. Helidon adds the {@code Date} header.
 *
 * <pre>java -jar helidon-peer.jar [--port 8080] [--host 127.0.0.1]</pre>
 */
public final class HelloServer {

    private static final byte[] HELLO = "Hello world!".getBytes(StandardCharsets.US_ASCII);

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
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .backlog(1024)
                .routing(HelloServer::routes)
                .build()
                .start();
        System.out.printf("helidon-peer listening on %s:%d (virtual thread per connection, %d carrier(s))%n",
                host, server.port(), Runtime.getRuntime().availableProcessors());
    }

    private static void routes(HttpRules rules) {
        rules.get("/", HelloServer::hello)
                .get("/json", HelloServer::json)
                .post("/echo", HelloServer::echo);
    }

    private static void hello(ServerRequest request, ServerResponse response) {
        response.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN).send(HELLO);
    }

    private static void json(ServerRequest request, ServerResponse response) {
        response.send(Map.of("message", "Hello, World!"));
    }

    private static void echo(ServerRequest request, ServerResponse response) {
        byte[] body = request.content().as(byte[].class);
        response.status(Status.OK_200).header(HeaderValues.CONTENT_TYPE_OCTET_STREAM).send(body);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage("missing value after " + args[i - 1]);
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -jar helidon-peer.jar [--port 8080] [--host 127.0.0.1]");
        System.exit(2);
    }
}
