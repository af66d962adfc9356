package dev.pronto.loop;

/** A connection on the reaper's lists, of any protocol: told when its deadline on one of them has passed. */
public interface Expiring {
    /**
     * The reaper found this connection past its deadline; it must move to another list or leave them all.
     *
     * @param expired the list it was on
     */
    void expire(ConnectionList expired);
}
