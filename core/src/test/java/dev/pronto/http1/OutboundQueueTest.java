package dev.pronto.http1;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's slices over a socket that takes a scripted number of bytes per write. */
class OutboundQueueTest {
    private static final int STAGE = 4096;

    @Test
    void deliversEveryByteInOrderWhateverTheSocketTakesPerWrite() throws Exception {
        int[][] scripts = {{Integer.MAX_VALUE}, {1}, {0, 5000, 3}, {STAGE - 1, 0, STAGE + 1, 7}, {100, 0, 0}};
        for (int[] script : scripts) {
            byte[][] parts = {bytes(10, 1), bytes(3 * STAGE + 17, 2), bytes(1, 3), bytes(STAGE, 4)};
            OutboundQueue queue = new OutboundQueue();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                queue.keep(ByteBuffer.wrap(p));
                expected.writeBytes(p);
            }
            ScriptedChannel socket = new ScriptedChannel(script);
            ByteBuffer stage = ByteBuffer.allocateDirect(STAGE);
            for (int call = 0; !queue.isEmpty(); call++) {
                assertThat(call).as("writeTo calls for script %s", Arrays.toString(script)).isLessThan(100_000);
                long before = queue.bytes();
                long budget = 1 + call % (3 * STAGE);
                long n = queue.writeTo(socket, stage, budget);
                assertThat(n).isLessThanOrEqualTo(budget);
                assertThat(queue.bytes()).isEqualTo(before - n);
            }
            assertThat(socket.out.toByteArray()).as("script %s", Arrays.toString(script))
                    .isEqualTo(expected.toByteArray());
            assertThat(socket.maxOffered).isLessThanOrEqualTo(STAGE);
            assertThat(socket.heapWrites).isZero();
        }
    }

    @Test
    void stopsAtTheBudgetWhenTheSocketTakesEverything() throws Exception {
        OutboundQueue queue = new OutboundQueue();
        queue.keep(ByteBuffer.wrap(bytes(10 * STAGE, 9)));
        ScriptedChannel socket = new ScriptedChannel(new int[] {Integer.MAX_VALUE});

        assertThat(queue.writeTo(socket, ByteBuffer.allocateDirect(STAGE), 2 * STAGE + 5)).isEqualTo(2 * STAGE + 5);
        assertThat(socket.writes).as("two full slices and the budget's rest").isEqualTo(3);
        assertThat(queue.bytes()).isEqualTo(8 * STAGE - 5);
    }

    @Test
    void stopsWhenTheSocketIsFull() throws Exception {
        OutboundQueue queue = new OutboundQueue();
        queue.keep(ByteBuffer.wrap(bytes(10 * STAGE, 9)));
        ScriptedChannel socket = new ScriptedChannel(new int[] {STAGE, 100, STAGE});

        assertThat(queue.writeTo(socket, ByteBuffer.allocateDirect(STAGE), Long.MAX_VALUE)).isEqualTo(STAGE + 100);
        assertThat(socket.writes).isEqualTo(2);
    }

    @Test
    void keepsACopyOfWhatIsLeftOfAReusedBuffer() throws Exception {
        ByteBuffer reused = ByteBuffer.allocateDirect(16).put(bytes(16, 5)).flip().position(6);
        OutboundQueue queue = new OutboundQueue();
        queue.keepCopy(reused);
        reused.clear().put(new byte[16]); // the loop reuses its buffer at once

        ScriptedChannel socket = new ScriptedChannel(new int[] {Integer.MAX_VALUE});
        queue.writeTo(socket, ByteBuffer.allocateDirect(STAGE), Long.MAX_VALUE);
        assertThat(socket.out.toByteArray()).isEqualTo(Arrays.copyOfRange(bytes(16, 5), 6, 16));
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7 + (i >>> 8));
        }
        return b;
    }
}
