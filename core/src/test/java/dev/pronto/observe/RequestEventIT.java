package dev.pronto.observe;

import dev.pronto.App;
import dev.pronto.Response;
import dev.pronto.Server;
import dev.pronto.it.RawClient;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.pronto.it.Requests.get;
import static dev.pronto.it.Requests.localServer;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code dev.pronto.Request} JFR event: off by default, one per exchange once a recording enables it. */
@Timeout(60)
class RequestEventIT {
    @Test
    void aRecordingThatEnablesTheEventGetsOnePerRequest() throws Exception {
        BlockingQueue<RecordedEvent> events = new LinkedBlockingQueue<>();
        App app = new App().get("/items/{id}", request -> Response.text("item"));
        try (Server server = app.start(localServer().build());
             RecordingStream recording = new RecordingStream();
             RawClient client = RawClient.connect(server.port())) {
            recording.enable("dev.pronto.Request").withoutThreshold();
            recording.onEvent("dev.pronto.Request", events::add);
            recording.setMaxAge(Duration.ofSeconds(30));
            recording.startAsync();
            // The stream flushes about once a second; requests go on until one event has come back.
            RecordedEvent event = null;
            for (int i = 0; i < 300 && event == null; i++) {
                assertThat(client.send(get("/items/" + i)).readResponse().status()).isEqualTo(200);
                event = events.poll(100, TimeUnit.MILLISECONDS);
            }
            assertThat(event).as("a dev.pronto.Request event").isNotNull();
            assertThat(event.getString("route")).isEqualTo("/items/{id}");
            assertThat(event.getString("method")).isEqualTo("GET");
            assertThat(event.getString("target")).startsWith("/items/");
            assertThat(event.getInt("status")).isEqualTo(200);
            assertThat(event.getLong("bytesSent")).isPositive();
            assertThat(event.getBoolean("rejected")).isFalse();
            assertThat(event.getDuration().isNegative()).isFalse();
        }
    }
}
