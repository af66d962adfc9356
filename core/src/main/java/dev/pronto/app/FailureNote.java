package dev.pronto.app;

/**
 * A request that keeps what its handler, a filter or an error handler threw, for the observers of the exchange: the
 * response that goes out is the error answer, and this is the cause. The connection's requests implement it.
 */
public interface FailureNote {
    /**
     * Notes a failure; the first one noted stays.
     *
     * @param t what was thrown
     */
    void failed(Throwable t);
}
