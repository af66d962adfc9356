package dev.pronto.loop;

/**
 * An intrusive, doubly linked list of connections sharing one timeout, whatever their protocol. Connections are
 * appended with a deadline of "now + timeout", so each list stays ordered by deadline and the reaper stops at the
 * first live one. Used only on its loop's thread.
 */
public final class ConnectionList {
    /** A connection's place on the reaper's lists: one per connection, on at most one list at a time. */
    public static final class Entry {
        private final Expiring owner;
        private ConnectionList list;
        private Entry prev;
        private Entry next;
        private long deadline;

        /** @param owner the connection this entry files */
        public Entry(Expiring owner) {
            this.owner = owner;
        }

        /** @return the connection this entry files */
        public Expiring owner() {
            return owner;
        }

        /** @return the list the connection is on, or {@code null} */
        public ConnectionList list() {
            return list;
        }

        /** @return when the connection expires on its list, in {@link System#nanoTime()} terms */
        public long deadline() {
            return deadline;
        }

        /** @return the next connection on the same list, or {@code null} */
        public Entry next() {
            return next;
        }
    }

    final String name;
    private Entry head;
    private Entry tail;
    private int size;

    /** @param name what the list times out, for diagnostics */
    public ConnectionList(String name) {
        this.name = name;
    }

    /**
     * Files a connection at the tail, taking it off any other list.
     *
     * @param c        the connection's entry
     * @param deadline when it expires, no earlier than any deadline on this list
     */
    public void append(Entry c, long deadline) {
        if (c.list != null) {
            c.list.remove(c);
        }
        c.deadline = deadline;
        c.list = this;
        c.prev = tail;
        c.next = null;
        if (tail == null) {
            head = c;
        } else {
            tail.next = c;
        }
        tail = c;
        size++;
    }

    /**
     * Files a connection by its deadline, for lists whose deadlines are not "now + one timeout". It walks back from
     * the tail, so a deadline later than every other costs O(1).
     *
     * @param c        the connection's entry
     * @param deadline when it expires
     */
    public void insert(Entry c, long deadline) {
        if (c.list == this && c.deadline == deadline) {
            return;
        }
        if (c.list != null) {
            c.list.remove(c);
        }
        Entry after = tail;
        while (after != null && after.deadline - deadline > 0) {
            after = after.prev;
        }
        c.deadline = deadline;
        c.list = this;
        c.prev = after;
        c.next = after == null ? head : after.next;
        if (c.next == null) {
            tail = c;
        } else {
            c.next.prev = c;
        }
        if (after == null) {
            head = c;
        } else {
            after.next = c;
        }
        size++;
    }

    /** @param c the connection's entry, taken off this list if it is on it */
    public void remove(Entry c) {
        if (c.list != this) {
            return;
        }
        if (c.prev == null) {
            head = c.next;
        } else {
            c.prev.next = c.next;
        }
        if (c.next == null) {
            tail = c.prev;
        } else {
            c.next.prev = c.prev;
        }
        c.prev = null;
        c.next = null;
        c.list = null;
        size--;
    }

    /** @return the entry with the earliest deadline, or {@code null} */
    public Entry first() {
        return head;
    }

    /** @return how many connections are on the list */
    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return name + " (" + size + ")";
    }
}
