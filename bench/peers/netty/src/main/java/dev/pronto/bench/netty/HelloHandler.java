package dev.pronto.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Answers every request with {@code 200 Hello world!}, the way Netty's own TechEmpower entry does:
 * write a response per decoded request, flush once per read so pipelined responses share a write.
 */
final class HelloHandler extends ChannelInboundHandlerAdapter {

    private static final byte[] BODY = "Hello world!".getBytes(StandardCharsets.US_ASCII);

    /** Shared, never released; each response gets its own reader index through {@code duplicate()}. */
    private static final ByteBuf BODY_BUFFER =
            Unpooled.unreleasableBuffer(Unpooled.directBuffer(BODY.length).writeBytes(BODY)).asReadOnly();

    // Names spelled as on the wire of the other contestants (Netty's HttpHeaderNames are lower case).
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    private static final AsciiString DATE = AsciiString.cached("Date");
    private static final AsciiString BODY_LENGTH = AsciiString.cached(Integer.toString(BODY.length));
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");

    // The header values above are constants known to be valid; validating them per response is wasted work.
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

    private final DateHeader date;

    HelloHandler(DateHeader date) {
        this.date = date;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            // HttpServerCodec emits the head (HttpRequest) then the content; answer once per head.
            if (msg instanceof HttpRequest) {
                ctx.write(response(), ctx.voidPromise());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Never flush per response: everything decoded from this read goes out in one write.
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private FullHttpResponse response() {
        var response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.OK, BODY_BUFFER.duplicate(), HEADERS, TRAILERS);
        HttpHeaders headers = response.headers();
        headers.set(CONTENT_LENGTH, BODY_LENGTH);
        headers.set(CONTENT_TYPE, TEXT_PLAIN);
        headers.set(DATE, date.value());
        return response;
    }
}
