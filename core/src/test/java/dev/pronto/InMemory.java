package dev.pronto;

import dev.pronto.http1.MemoryExchange;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An app answering in memory (no socket): the real parser, dispatcher and encoder over {@link MemoryExchange}, for
 * tests of what the app side decides. Only for answers given before the exchange returns (inline handlers, early
 * answers, 404 and 405).
 */
final class InMemory {
    private final MemoryExchange exchange;

    InMemory(App app) {
        exchange = new MemoryExchange(ServerConfig.defaults(), app.engine().dispatcher());
    }

    /** @return the answer to {@code GET target} */
    Reply get(String target, String... fields) {
        return send("GET", target, fields);
    }

    /** @return the answer to a request without a body */
    Reply send(String method, String target, String... fields) {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: x\r\n");
        for (String field : fields) {
            request.append(field).append("\r\n");
        }
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        exchange.exchange(ByteBuffer.wrap(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII)), out);
        return Reply.parse(new String(out.array(), 0, out.position(), StandardCharsets.UTF_8));
    }

    /**
     * One response as written.
     *
     * @param status the status code, 0 when nothing was written
     * @param head   the header lines as sent
     * @param body   the body
     */
    record Reply(int status, List<String> head, String body) {
        static Reply parse(String text) {
            if (text.isEmpty()) {
                return new Reply(0, List.of(), "");
            }
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), List.of(lines).subList(1, lines.length),
                    text.substring(end + 4));
        }

        /** @return the values of a header field, in order */
        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String line : head) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).trim());
                }
            }
            return values;
        }
    }
}
