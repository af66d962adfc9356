package dev.pronto.it;

import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.Server;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's own protections: the connection cap, the minimum body rate, the stalled-loop warning. */
class ProtectionIT {

    @Test
    void connectionsPastTheCapGetA503AndAreClosedWhileOthersAreServed() throws Exception {
        try (Server server = Server.start(Requests.localServer().maxConnections(3).build(), r -> Response.text("ok"))) {
            List<RawClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawClient c = RawClient.connect(server.port());
                    held.add(c);
                    assertThat(c.send(Requests.get("/")).readResponse().status()).isEqualTo(200);
                }
                try (RawClient extra = RawClient.connect(server.port())) {
                    RawResponse busy = extra.readResponse();
                    assertThat(busy.status()).isEqualTo(503);
                    assertThat(busy.header("Retry-After")).contains("1");
                    assertThat(busy.closes()).isTrue();
                    assertThat(extra.readUntilClosed().bytes()).isEmpty();
                }
                // The held connections are undisturbed; once one closes, a newcomer is served.
                assertThat(held.get(0).send(Requests.get("/")).readResponse().status()).isEqualTo(200);
                held.remove(2).close();
                RawResponse later = null;
                for (int attempt = 0; attempt < 100 && (later == null || later.status() != 200); attempt++) {
                    try (RawClient c = RawClient.connect(server.port())) { // the close reaches the server soon
                        c.send(Requests.get("/"));
                        later = c.readResponse();
                    }
                }
                assertThat(later).isNotNull();
                assertThat(later.status()).isEqualTo(200);
            } finally {
                for (RawClient c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aBodyTrickledBelowTheMinimumRateGets408AndIsClosed() throws Exception {
        try (Server server = Server.start(Requests.localServer().minBodyRate(1000).build(), r -> Response.text("ok"));
             RawClient c = RawClient.connect(server.port()).timeout(Duration.ofSeconds(10))) {
            c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
            IOException refused = null;
            long sent = 0;
            // 10 bytes every 50 ms: 200 B/s, a fifth of the minimum; bounded at 10 s, the server should close at ~1 s.
            for (int i = 0; i < 200 && refused == null; i++) {
                try {
                    c.send("0123456789");
                    sent += 10;
                } catch (IOException e) {
                    refused = e;
                }
                if (c.socket().getInputStream().available() > 0) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(50); // the client's own pace: this is the slow client under test
            }
            RawResponse r = c.readResponse();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.closes()).isTrue();
            assertThat(sent).isLessThan(100000);
        }
    }

    @Test
    void aBodyAtAGoodRateIsNotCutOff() throws Exception {
        try (Server server = Server.start(Requests.localServer().minBodyRate(1000).build(),
                r -> Response.text("got " + r.bodyLength()));
             RawClient c = RawClient.connect(server.port())) {
            c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 6000\r\n\r\n");
            for (int i = 0; i < 15; i++) { // 400 bytes every 100 ms: 4000 B/s for 1.5 s
                c.send("x".repeat(400));
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertThat(c.readResponse().bodyText()).isEqualTo("got 6000");
        }
    }

    @Test
    void aFirstRequestShorterThanTheThresholdIsNotReportedAsAStall() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = capture(records);
        Logger logger = Logger.getLogger("dev.pronto.http1.HttpEngine");
        logger.addHandler(capture);
        // The watchdog samples every 250 ms for a 1 s threshold: a 600 ms handler spans samples, but not the threshold.
        App app = new App().get("/first", r -> {
            Thread.sleep(600);
            return Response.text("in time");
        });
        try (Server server = app.start(Requests.localServer().stallWarning(Duration.ofSeconds(1)).build());
             RawClient c = RawClient.connect(server.port())) {
            assertThat(c.send(Requests.get("/first")).readResponse().bodyText()).isEqualTo("in time");
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(records).noneSatisfy(r -> assertThat(r.getMessage()).contains("Event loop"));
    }

    private static Handler capture(List<LogRecord> records) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aPlainHandlerBlockingItsLoopIsLoggedWithItsRoute() throws Exception {
        Logger logger = Logger.getLogger("dev.pronto.http1.HttpEngine");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = capture(records);
        logger.addHandler(capture);
        App app = new App().get("/slow/{n}", r -> {
            Thread.sleep(800); // the mistake under test: a blocking call in a plain handler
            return Response.text("late");
        });
        try (Server server = app.start(Requests.localServer().stallWarning(Duration.ofMillis(200)).build());
             RawClient c = RawClient.connect(server.port())) {
            assertThat(c.send(Requests.get("/slow/1")).readResponse().bodyText()).isEqualTo("late");
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(records).anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).contains("/slow/{n}").contains("Handler.blocking").contains("ProtectionIT");
        });
    }
}
