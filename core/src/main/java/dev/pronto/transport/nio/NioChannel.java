package dev.pronto.transport.nio;

import dev.pronto.transport.Channel;
import dev.pronto.transport.ChannelHandler;
import dev.pronto.transport.EventLoop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/** A socket channel registered with one loop's selector. */
final class NioChannel implements Channel {
    private final SocketChannel socket;
    private final SelectionKey key;
    private final NioLoop loop;
    private int interest = SelectionKey.OP_READ;
    private InetSocketAddress remote;
    ChannelHandler handler; // the loop reads it at every event, so a hand-over takes effect at the next one

    NioChannel(SocketChannel socket, SelectionKey key, NioLoop loop) {
        this.socket = socket;
        this.key = key;
        this.loop = loop;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return socket.read(dst);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return socket.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return socket.write(src);
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        return file.transferTo(position, count, socket); // sendfile(2) on Linux: the bytes never enter the heap
    }

    @Override
    public void readInterest(boolean on) {
        setInterest(SelectionKey.OP_READ, on);
    }

    @Override
    public void writeInterest(boolean on) {
        setInterest(SelectionKey.OP_WRITE, on);
    }

    private void setInterest(int op, boolean on) {
        int next = on ? interest | op : interest & ~op;
        if (next != interest && key.isValid()) {
            interest = next;
            key.interestOps(next); // only on change: each change costs an epoll_ctl at the next select
        }
    }

    @Override
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            close();
        }
    }

    @Override
    public void close() {
        key.cancel();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void handOver(ChannelHandler next) {
        handler = Objects.requireNonNull(next, "next");
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        if (remote == null) {
            try {
                remote = (InetSocketAddress) socket.getRemoteAddress();
            } catch (IOException e) {
                remote = new InetSocketAddress(0);
            }
        }
        return remote;
    }

    @Override
    public EventLoop loop() {
        return loop;
    }
}
