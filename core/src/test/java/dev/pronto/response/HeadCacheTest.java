package dev.pronto.response;

import dev.pronto.Response;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class HeadCacheTest {
    private final HeadCache cache = new HeadCache();

    /** Encodes as the encoder does: a lookup, and on a miss the head written and noted. */
    private byte[] encode(Response r) {
        byte[] kept = cache.find(r);
        if (kept == null) {
            ByteBuffer out = ByteBuffer.allocate(64).put((byte) '*'); // the head starts after what the batch holds
            out.put(r.toString().getBytes(StandardCharsets.US_ASCII));
            cache.encoded(r, out, 1);
        }
        return kept;
    }

    @Test
    void keepsAHeadTheSecondTimeItsResponseIsEncoded() {
        Response r = Response.text("constant");
        assertThat(encode(r)).isNull();
        assertThat(cache.find(r)).as("encoded once: maybe built per request, not kept").isNull();
        encode(r);
        assertThat(cache.find(r)).asString(StandardCharsets.US_ASCII).isEqualTo(r.toString());
        assertThat(encode(r)).isSameAs(cache.find(r));
    }

    @Test
    void keepsNoResponseBuiltPerRequestButByAHashCollision() {
        List<Response> sent = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            Response r = Response.text("per request " + i);
            encode(r);
            sent.add(r);
        }
        // One may be kept by chance, a few times in a hundred runs: its 32-bit hash is that of a mark still in its set.
        assertThat(sent.stream().filter(r -> cache.find(r) != null).count()).as("kept").isLessThan(5);
    }

    @Test
    void keepsConstantsThatShareAHomeSlotSentInTurn() {
        assertKeptWhenSentInTurn(sharing(HeadCache::home, 5));
    }

    @Test
    void keepsConstantsThatShareASetOfMarksSentInTurn() {
        // More of them than a set has ways: each replaces the mark another would have found.
        assertKeptWhenSentInTurn(sharing(HeadCache::markSet, 6));
    }

    private void assertKeptWhenSentInTurn(List<Response> constants) {
        for (int round = 0; round < 100; round++) {
            constants.forEach(this::encode);
        }
        assertThat(constants).allSatisfy(r -> assertThat(cache.find(r)).as("kept").isNotNull());
    }

    /** Responses whose hashes all give the same value of a function. */
    private static List<Response> sharing(IntUnaryOperator f, int count) {
        Map<Integer, List<Response>> byValue = new HashMap<>();
        for (int i = 0; ; i++) {
            Response r = Response.text("constant " + i);
            List<Response> same = byValue.computeIfAbsent(f.applyAsInt(r.hashCode()), k -> new ArrayList<>());
            same.add(r);
            if (same.size() == count) {
                return same;
            }
        }
    }

    @Test
    void keepsConstantsWhileResponsesBuiltPerRequestPassBetween() {
        Response hello = Response.text("Hello world!");
        encode(hello);
        encode(hello);
        for (int i = 0; i < 100_000; i++) {
            encode(Response.text("per request " + i));
            assertThat(encode(hello)).isNotNull();
        }
    }
}
