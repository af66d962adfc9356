package dev.pronto.bench.vertx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Vert.x hello-world peer for the benchmark harness: one event loop, one verticle, the NIO transport.
 * {@code GET /} answers {@code Hello world!}, {@code GET /json} a JSON object encoded per request,
 * {@code POST /echo} the request body; anything else 404.
 *
 * <pre>java -jar vertx-peer.jar [--port 8080] [--host 127.0.0.1]</pre>
 */
public final class HelloServer extends VerticleBase {

    private static final Buffer HELLO = Buffer.buffer("Hello world!");
    private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=utf-8");
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence OCTET_STREAM = HttpHeaders.createOptimized("application/octet-stream");
    // RFC 9110 §5.6.7 IMF-fixdate; Vert.x sends no Date of its own, so the peer adds one like its TechEmpower entry.
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final String host;
    private final int port;
    private CharSequence date = renderDate();

    private HelloServer(String host, int port) {
        this.host = host;
        this.port = port;
    }

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
        // One event loop; native transport off (also the default), so Netty's NIO transport is used.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(false));
        String h = host;
        int p = port;
        vertx.deployVerticle(new HelloServer(host, port))
                .onSuccess(id -> System.out.printf("vertx-peer listening on %s:%d (1 event loop, native transport %s)%n",
                        h, p, vertx.isNativeTransportEnabled() ? "on" : "off"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public Future<?> start() {
        // Timers of a verticle run on its event loop: the Date value is re-rendered once a second there.
        vertx.setPeriodic(1000, id -> date = renderDate());
        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setAcceptBacklog(1024))
                .requestHandler(this::handle)
                .listen();
    }

    private void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        response.putHeader(HttpHeaders.DATE, date);
        String path = request.path();
        HttpMethod method = request.method();
        if (path.equals("/") && method == HttpMethod.GET) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN).end(HELLO);
        } else if (path.equals("/json") && method == HttpMethod.GET) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
                    .end(new JsonObject().put("message", "Hello, World!").toBuffer());
        } else if (path.equals("/echo") && method == HttpMethod.POST) {
            request.body().onSuccess(body -> response.putHeader(HttpHeaders.CONTENT_TYPE, OCTET_STREAM).end(body));
        } else {
            response.setStatusCode(404).end();
        }
    }

    private static CharSequence renderDate() {
        return HttpHeaders.createOptimized(IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage("missing value after " + args[i - 1]);
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -jar vertx-peer.jar [--port 8080] [--host 127.0.0.1]");
        System.exit(2);
    }
}
