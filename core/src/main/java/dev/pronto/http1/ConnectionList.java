package dev.pronto.http1;

/**
 * An intrusive, doubly linked list of connections sharing one timeout. Connections are appended with a deadline of
 * "now + timeout", so each list stays ordered by deadline and the reaper stops at the first live one.
 */
final class ConnectionList {
    final String name;
    private HttpConnection head;
    private HttpConnection tail;
    private int size;

    ConnectionList(String name) {
        this.name = name;
    }

    void append(HttpConnection c, long deadline) {
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
     */
    void insert(HttpConnection c, long deadline) {
        if (c.list == this && c.deadline == deadline) {
            return;
        }
        if (c.list != null) {
            c.list.remove(c);
        }
        HttpConnection after = tail;
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

    void remove(HttpConnection c) {
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

    HttpConnection first() {
        return head;
    }

    int size() {
        return size;
    }
}
