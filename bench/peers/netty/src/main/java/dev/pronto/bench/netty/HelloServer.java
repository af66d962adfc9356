package dev.pronto.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.concurrent.TimeUnit;

/**
 * Netty hello-world peer for the benchmark harness: one event loop that both accepts and serves,
 * on the native epoll transport or on NIO.
 *
 * <pre>java -jar netty-peer.jar [--transport epoll|nio] [--port 8080] [--host 127.0.0.1]</pre>
 */
public final class HelloServer {

    private HelloServer() {}

    public static void main(String[] args) throws InterruptedException {
        String transport = "epoll";
        String host = "127.0.0.1";
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--transport" -> transport = value(args, ++i);
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--host" -> host = value(args, ++i);
                default -> usage("unknown argument: " + args[i]);
            }
        }

        IoHandlerFactory io;
        Class<? extends ServerChannel> channel;
        switch (transport) {
            case "epoll" -> {
                Epoll.ensureAvailability(); // fail loudly rather than fall back to NIO unnoticed
                io = EpollIoHandler.newFactory();
                channel = EpollServerSocketChannel.class;
            }
            case "nio" -> {
                io = NioIoHandler.newFactory();
                channel = NioServerSocketChannel.class;
            }
            default -> throw usage("unknown transport: " + transport);
        }

        // One loop for the listening socket and every connection, like a single-worker server.
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, io);
        try {
            DateHeader date = new DateHeader();
            // The Date header is re-rendered once a second on the loop itself, never per response.
            loop.next().scheduleAtFixedRate(date::refresh, 1, 1, TimeUnit.SECONDS);

            var server = new ServerBootstrap()
                    .group(loop)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HelloHandler(date));
                        }
                    })
                    .bind(host, port).sync().channel();
            System.out.printf("netty-peer %s listening on %s:%d (1 event loop)%n", transport, host, port);
            server.closeFuture().sync();
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw usage("missing value after " + args[i - 1]);
        }
        return args[i];
    }

    private static IllegalArgumentException usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -jar netty-peer.jar [--transport epoll|nio] [--port 8080] [--host 127.0.0.1]");
        System.exit(2);
        return new IllegalArgumentException(problem);
    }
}
