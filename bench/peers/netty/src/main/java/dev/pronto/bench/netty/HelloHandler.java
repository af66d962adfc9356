package dev.pronto.bench.netty;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Answers {@code GET /} with {@code 200 Hello world!}, {@code GET /json} with a JSON object serialised by Jackson
 * per request, {@code POST /echo} with the request body, anything else with 404, the way Netty's own TechEmpower
 * entry does: write a response per decoded request, flush once per read so pipelined responses share a write.
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
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    private static final AsciiString OCTET_STREAM = AsciiString.cached("application/octet-stream");
    private static final ObjectMapper JSON = new ObjectMapper();

    // The header values above are constants known to be valid; validating them per response is wasted work.
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

    private final DateHeader date;
    /** The body of a {@code POST /echo} while its content arrives; null otherwise. */
    private CompositeByteBuf echoBody;

    HelloHandler(DateHeader date) {
        this.date = date;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        try {
            // HttpServerCodec emits the head (HttpRequest) then the content, ending with a LastHttpContent.
            if (msg instanceof HttpRequest request) {
                String uri = request.uri();
                int query = uri.indexOf('?');
                String path = query < 0 ? uri : uri.substring(0, query);
                HttpMethod method = request.method();
                if (path.equals("/") && method.equals(HttpMethod.GET)) {
                    ctx.write(response(HttpResponseStatus.OK, TEXT_PLAIN, BODY_BUFFER.duplicate(), BODY_LENGTH),
                            ctx.voidPromise());
                } else if (path.equals("/json") && method.equals(HttpMethod.GET)) {
                    ByteBuf json = Unpooled.wrappedBuffer(JSON.writeValueAsBytes(Map.of("message", "Hello, World!")));
                    ctx.write(response(HttpResponseStatus.OK, APPLICATION_JSON, json), ctx.voidPromise());
                } else if (path.equals("/echo") && method.equals(HttpMethod.POST)) {
                    echoBody = ctx.alloc().compositeBuffer();
                } else {
                    ctx.write(response(HttpResponseStatus.NOT_FOUND, null, Unpooled.EMPTY_BUFFER), ctx.voidPromise());
                }
            }
            if (msg instanceof HttpContent content && echoBody != null) {
                echoBody.addComponent(true, content.content().retain());
                if (msg instanceof LastHttpContent) {
                    ctx.write(response(HttpResponseStatus.OK, OCTET_STREAM, echoBody), ctx.voidPromise());
                    echoBody = null;
                }
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
    public void channelInactive(ChannelHandlerContext ctx) {
        if (echoBody != null) {
            echoBody.release();
            echoBody = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private FullHttpResponse response(HttpResponseStatus status, AsciiString contentType, ByteBuf body) {
        return response(status, contentType, body, Integer.toString(body.readableBytes()));
    }

    private FullHttpResponse response(HttpResponseStatus status, AsciiString contentType, ByteBuf body,
                                      CharSequence length) {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, HEADERS, TRAILERS);
        HttpHeaders headers = response.headers();
        headers.set(CONTENT_LENGTH, length);
        if (contentType != null) {
            headers.set(CONTENT_TYPE, contentType);
        }
        headers.set(DATE, date.value());
        return response;
    }
}
