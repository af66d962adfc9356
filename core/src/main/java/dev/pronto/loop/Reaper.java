package dev.pronto.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * One loop's timeouts: a fixed set of {@link ConnectionList}s, each ordered by deadline, walked once per loop
 * iteration from the head and stopped at the first live connection (no timer thread, no scan of the live ones).
 */
public final class Reaper {
    private final ConnectionList[] lists;

    /** @param lists the lists to walk, in the order they are walked */
    public Reaper(ConnectionList... lists) {
        this.lists = lists.clone();
    }

    /**
     * Expires every connection past its deadline.
     *
     * @param nanoTime the loop's clock for this iteration
     * @param maxWait  the longest the loop may sleep anyway
     * @return how long the loop may sleep before the next deadline, at most {@code maxWait}
     */
    public long expire(long nanoTime, long maxWait) {
        long wait = maxWait;
        for (ConnectionList list : lists) {
            ConnectionList.Entry c;
            while ((c = list.first()) != null && c.deadline() - nanoTime <= 0) {
                c.owner().expire(list); // moves it to another list or closes it
            }
            if (c != null) {
                wait = Math.min(wait, c.deadline() - nanoTime);
            }
        }
        return wait;
    }

    /** @return every connection on the lists, a copy that their closing does not disturb */
    public List<Expiring> connections() {
        List<Expiring> all = new ArrayList<>();
        for (ConnectionList list : lists) {
            for (ConnectionList.Entry c = list.first(); c != null; c = c.next()) {
                all.add(c.owner());
            }
        }
        return all;
    }
}
