package dev.pronto.test;

import java.io.IOException;

/** The client's end of one connection to the server: a socket, or an in-memory channel. */
interface Pipe extends AutoCloseable {
    /**
     * Writes bytes, all of them.
     *
     * @param bytes the bytes
     * @throws IOException if the connection failed
     */
    void write(byte[] bytes) throws IOException;

    /**
     * Reads what has arrived, waiting for something at most until the timeout.
     *
     * @param buffer       where to put it
     * @param timeoutMillis the longest wait, at least 1
     * @return how many bytes were read, or -1 when the server has closed (or shut down its output)
     * @throws java.net.SocketTimeoutException if nothing arrived in time
     * @throws IOException                     if the connection failed
     */
    int read(byte[] buffer, int timeoutMillis) throws IOException;

    /** Closes the client's end; idempotent. */
    @Override
    void close();

    /** Opens connections to one server. */
    @FunctionalInterface
    interface Connector {
        /**
         * Opens a connection.
         *
         * @param timeoutMillis the longest the connection may take, at least 1
         * @return the client's end
         * @throws IOException if the server refuses
         */
        Pipe open(int timeoutMillis) throws IOException;
    }
}
