package dev.pronto.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A plain loopback socket as a {@link Pipe}. */
final class SocketPipe implements Pipe {
    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    private SocketPipe(InetSocketAddress address, int timeoutMillis) throws IOException {
        try {
            socket.connect(address, timeoutMillis);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Returns the connector of a server's address.
     *
     * @param address the server
     * @return a connector opening a socket to it per connection
     */
    static Pipe.Connector to(InetSocketAddress address) {
        return timeoutMillis -> new SocketPipe(address, timeoutMillis);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return in.read(buffer);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to release beyond the socket itself
        }
    }
}
