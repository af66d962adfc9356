package dev.pronto.response;

import dev.pronto.Response;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

/**
 * The fixed heads (status line and fields up to {@code Date}) of the responses an event loop sends again and again,
 * such as a constant returned by a handler, keyed by the response's identity. A head is kept the second time its
 * response is encoded, so a response built per request costs a probe and a mark, never a copy. The table is bounded
 * and holds its responses weakly: a response an application stops returning is freed, and its slot reused. One loop's
 * own, so not thread-safe.
 */
final class HeadCache {
    /** Heads kept: a few times more than the constant responses of most applications, so that probes stay short. */
    static final int SLOTS = 1024;
    /** Slots tried from a response's home slot before the home slot's head gives way. */
    private static final int PROBES = 8;
    /** Sets of {@link #WAYS} marks "encoded once, not kept": the hashes of responses seen but not (yet) kept. */
    private static final int MARK_SETS = 256;
    private static final int WAYS = 4;

    private final Head[] heads = new Head[SLOTS];
    private final int[] marks = new int[MARK_SETS * WAYS];
    private int victim; // a linear congruential sequence whose top bits pick the way a new mark replaces
    // The response found last, held strongly (one per loop): most loops send the same constant again and again, and
    // an identity compare is all that costs, where a probe reads the table, a slot and its reference.
    private Response last;
    private byte[] lastBytes;

    /**
     * The kept head of a response.
     *
     * @param response the response
     * @return its head, shared: do not modify; or null if it is not kept
     */
    byte[] find(Response response) {
        if (response == last) {
            return lastBytes;
        }
        int hash = response.hashCode();
        for (int i = 0; i < PROBES; i++) {
            Head h = heads[(home(hash) + i) & (SLOTS - 1)];
            if (h == null) {
                return null; // slots are never emptied, so the response is not further on either
            }
            if (h.hash == hash && h.refersTo(response)) {
                last = response;
                lastBytes = h.bytes;
                return h.bytes;
            }
        }
        return null;
    }

    /**
     * Notes that a response not kept was encoded, and keeps its head if it had been encoded before.
     *
     * @param response the response, for which {@link #find} just returned null
     * @param out      the buffer its fixed head was written to
     * @param start    where in {@code out} the head starts; it ends at the position
     */
    void encoded(Response response, ByteBuffer out, int start) {
        int hash = response.hashCode();
        int set = markSet(hash) * WAYS;
        if (marks[set] == hash || marks[set + 1] == hash || marks[set + 2] == hash || marks[set + 3] == hash) {
            keep(response, hash, out, start);
        } else {
            // A way drawn at random, neither by this response nor in a cycle: constants that share a set and are
            // sent in turn, more of them than ways, then each find their mark again before long.
            victim = victim * 0x9E3779B9 + 0x7F4A7C15;
            marks[set + (victim >>> 30)] = hash; // the top two bits: one of the four ways
        }
    }

    private void keep(Response response, int hash, ByteBuffer out, int start) {
        byte[] bytes = new byte[out.position() - start];
        out.get(start, bytes);
        int home = home(hash);
        int slot = home; // every slot in reach holds a live response: the home slot's gives way
        for (int i = 0; i < PROBES; i++) {
            int s = (home + i) & (SLOTS - 1);
            Head h = heads[s];
            if (h == null || h.refersTo(null)) {
                slot = s;
                break;
            }
        }
        heads[slot] = new Head(response, hash, bytes);
    }

    /** @return the slot where the search for a response of this hash starts */
    static int home(int hash) {
        return hash & (SLOTS - 1);
    }

    /** @return the set of marks for a response of this hash: other bits than the home's, so that few share both */
    static int markSet(int hash) {
        return (hash >>> 16) & (MARK_SETS - 1);
    }

    /** A kept head, and its response held weakly. */
    private static final class Head extends WeakReference<Response> {
        final int hash;
        final byte[] bytes;

        Head(Response response, int hash, byte[] bytes) {
            super(response);
            this.hash = hash;
            this.bytes = bytes;
        }
    }
}
