package dev.pronto.http1;

import dev.pronto.Response;
import dev.pronto.it.RawClient;
import dev.pronto.it.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stall watchdog reports a loop held in a write, not only in a handler: the transport holds the write on the
 * loop thread until the warning has been logged (or for 10 s at most), so the test waits for an event, not a time.
 */
@Timeout(30)
class WriteStallIT {
    private static final Response HELLO = Response.text("Hello world!");

    @Test
    void aWriteHoldingTheLoopIsLoggedWithThePeerAndTheRoute() throws Exception {
        Logger logger = Logger.getLogger(HttpEngine.class.getName());
        AtomicReference<LogRecord> warning = new AtomicReference<>();
        CountDownLatch warned = new CountDownLatch(1);
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING && record.getMessage().contains("writing")
                        && warning.compareAndSet(null, record)) {
                    warned.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        RecordingTransport transport = new RecordingTransport();
        HttpEngine engine = HttpEngine.start(Requests.localServer().stallWarning(Duration.ofMillis(100)).build(),
                exchange -> {
                    exchange.routed("/stuck/{id}", List.of("id"), new String[] {"1"});
                    return exchange.respond(HELLO);
                }, transport);
        try (RawClient client = RawClient.connect(engine.address().getPort())) {
            transport.holdWrites();
            client.send(Requests.get("/stuck/1"));
            boolean logged = warned.await(10, TimeUnit.SECONDS);
            transport.releaseWrites();
            assertThat(client.readResponse().bodyText()).as("the held write completes").isEqualTo("Hello world!");

            assertThat(logged).as("a warning about the loop held in a write").isTrue();
            assertThat(warning.get().getMessage())
                    .contains("pronto-loop-0")
                    .contains("/stuck/{id}")
                    .contains("127.0.0.1:" + client.socket().getLocalPort())
                    .contains("RecordingTransport"); // the loop thread's stack, down to the held write
        } finally {
            transport.releaseWrites();
            logger.removeHandler(capture);
            engine.shutdown();
        }
    }
}
