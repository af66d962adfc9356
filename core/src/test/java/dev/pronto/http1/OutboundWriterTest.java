package dev.pronto.http1;

import dev.pronto.Request.CompletionCallback;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.pronto.http1.OutboundQueueTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer over a socket that takes a scripted number of bytes per write: order, backpressure and callbacks. */
class OutboundWriterTest {
    private static final int MAX = Integer.MAX_VALUE;
    private static final int[][] SCRIPTS = {{MAX}, {1000}, {0, 70_000, 3}, {WriteBatch.CAPACITY - 1, 0, 7}};
    /** Responses of one batch: a small one, one that fills the batch, one past the turn's budget. */
    private static final int[][] BATCHES = {{12}, {12, 12, 12}, {WriteBatch.CAPACITY + 5, 40},
            {100, WriteBatch.TURN_BUDGET * 2 + 17, 3}};

    @Test
    void deliversEveryBatchInOrderAndRunsItsCallbacksOnceAfterTheLastByte() throws Exception {
        for (int[] script : SCRIPTS) {
            for (int[] sizes : BATCHES) {
                String name = Arrays.toString(script) + " " + Arrays.toString(sizes);
                ScriptedChannel socket = new ScriptedChannel(script);
                OutboundWriter writer = new OutboundWriter(socket);
                WriteBatch batch = new WriteBatch();
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                List<String> ran = new ArrayList<>();
                for (int i = 0; i < sizes.length; i++) {
                    byte[] body = bytes(sizes[i], i);
                    batch.put(body);
                    expected.writeBytes(body);
                    writer.onceWritten(List.of(recordInto(ran, "r" + i, socket, expected.size())));
                }

                writer.flush(batch);
                assertThat(batch.isEmpty()).as(name).isTrue();
                for (int turn = 0; !writer.idle(); turn++) {
                    assertThat(turn).as(name).isLessThan(100_000);
                    assertThat(socket.writeInterest).as("waits for the socket: %s", name).isTrue();
                    assertThat(ran).as(name).isEmpty();
                    long before = writer.backlog();
                    assertThat(writer.onWritable(batch.stage())).as(name).isEqualTo(before - writer.backlog())
                            .isLessThanOrEqualTo(WriteBatch.TURN_BUDGET);
                }

                assertThat(socket.out.toByteArray()).as(name).isEqualTo(expected.toByteArray());
                assertThat(ran).as(name).containsExactly(expected(sizes.length));
                assertThat(socket.writeInterest).as(name).isFalse();
                assertThat(socket.heapWrites).as(name).isZero();
                assertThat(socket.maxOffered).as(name).isLessThanOrEqualTo(WriteBatch.CAPACITY);
            }
        }
    }

    @Test
    void queuesALaterBatchBehindWhatTheSocketDidNotTake() throws Exception {
        ScriptedChannel socket = new ScriptedChannel(5, 0, MAX);
        OutboundWriter writer = new OutboundWriter(socket);
        WriteBatch batch = new WriteBatch();
        batch.put(bytes(20, 1));
        writer.flush(batch);
        assertThat(writer.backlog()).isEqualTo(15);

        batch.put(bytes(30, 2));
        writer.flush(batch);
        assertThat(socket.writes).as("no write while output waits: it would jump the queue").isEqualTo(1);
        assertThat(writer.backlog()).isEqualTo(45);
        assertThat(writer.onWritable(batch.stage())).isZero();
        assertThat(writer.onWritable(batch.stage())).isEqualTo(45);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(bytes(20, 1));
        expected.writeBytes(bytes(30, 2));
        assertThat(socket.out.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(writer.idle()).isTrue();
    }

    @Test
    void aFailedWriteClearsTheBatchAndClosingTellsTheCallbacksNothingWasDelivered() {
        OutboundWriter writer = new OutboundWriter(new ScriptedChannel(-1));
        WriteBatch batch = new WriteBatch();
        List<Boolean> delivered = new ArrayList<>();
        batch.put(bytes(WriteBatch.CAPACITY + 10, 3));
        writer.onceWritten(List.of(delivered::add));

        assertThatThrownBy(() -> writer.flush(batch)).isInstanceOf(IOException.class);
        assertThat(batch.isEmpty()).isTrue();
        assertThat(delivered).isEmpty();

        writer.closed();
        assertThat(delivered).containsExactly(false);
        assertThat(writer.idle()).isTrue();
        writer.closed();
        assertThat(delivered).as("once").containsExactly(false);
    }

    @Test
    void aCallbackThatThrowsDoesNotKeepTheOthersFromRunning() throws Exception {
        OutboundWriter writer = new OutboundWriter(new ScriptedChannel(MAX));
        WriteBatch batch = new WriteBatch();
        List<Boolean> delivered = new ArrayList<>();
        batch.put(bytes(8, 4));
        writer.onceWritten(List.of(ok -> {
            throw new IllegalStateException("a failing callback");
        }, delivered::add));

        writer.flush(batch);
        assertThat(delivered).containsExactly(true);
    }

    /** A callback that records its name, after checking that the bytes of its response had all left then. */
    private static CompletionCallback recordInto(List<String> ran, String name, ScriptedChannel socket, int end) {
        return delivered -> {
            assertThat(delivered).isTrue();
            assertThat(socket.out.size()).as("bytes out when %s's callback runs", name).isGreaterThanOrEqualTo(end);
            ran.add(name);
        };
    }

    private static String[] expected(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "r" + i;
        }
        return names;
    }
}
