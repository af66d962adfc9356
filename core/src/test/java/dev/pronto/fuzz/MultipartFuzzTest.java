package dev.pronto.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pronto.FilePart;
import dev.pronto.HttpException;
import dev.pronto.codec.Multipart;
import dev.pronto.codec.MultipartBody;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the multipart/form-data parser. An input is the boundary (its first line, read as Latin-1; none when empty),
 * then the body. With roomy limits and with tight ones, parsing must
 * <ul>
 *   <li>throw nothing but an {@link HttpException} of 400 or 413 whose message is safe to send;
 *   <li>give the same result, or the same rejection, at index 0 and in the middle of an array whose bytes around the
 *       body would complete it (a delimiter before, a close delimiter after);
 *   <li>round-trip: the fields and files it found, written out again with a boundary none of them contains, parse
 *       to the same fields and files.
 * </ul>
 */
class MultipartFuzzTest {
    /** The limits of one parse. */
    private record Limits(String name, int maxParts, long maxFileBytes) {
    }

    private static final List<Limits> LIMITS = List.of(
            new Limits("roomy limits", 1000, 1 << 20),
            new Limits("tight limits", 3, 16));

    /** What a parse gave: the body, or the rejection's status and message. */
    record Outcome(MultipartBody body, int status, String message) {
    }

    @DictionaryEntries({"--", "Content-Disposition: form-data; name=", "; filename=", "Content-Type: ",
        "text/plain; charset=", "UTF-16", "ISO-8859-1", "\"", "\\"})
    @FuzzTest(maxDuration = "60s")
    void multipartBody(byte[] data) {
        int lf = indexOf(data, (byte) '\n');
        String boundary = lf <= 0 ? null : new String(data, 0, lf, StandardCharsets.ISO_8859_1);
        byte[] body = lf < 0 ? data : Arrays.copyOfRange(data, lf + 1, data.length);
        for (Limits l : LIMITS) {
            Outcome expected = parse(body, 0, body.length, boundary, l);
            // A parser that looked before the offset would find an opening delimiter, past the end a closing one.
            byte[] before = ("--" + boundary + "\r\nContent-Disposition: form-data; name=p\r\n\r\np")
                    .getBytes(StandardCharsets.ISO_8859_1);
            byte[] after = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] around = new byte[before.length + body.length + after.length];
            System.arraycopy(before, 0, around, 0, before.length);
            System.arraycopy(body, 0, around, before.length, body.length);
            System.arraycopy(after, 0, around, before.length + body.length, after.length);
            assertThat(parse(around, before.length, body.length, boundary, l)).as("%s, among poison", l.name())
                    .isEqualTo(expected);
            if (expected.body() != null) {
                assertThat(expected.body().files().size() + values(expected.body())).as("parts")
                        .isLessThanOrEqualTo(l.maxParts());
                assertThat(expected.body().files()).as("file sizes")
                        .allSatisfy(f -> assertThat(f.size()).isLessThanOrEqualTo((int) l.maxFileBytes()));
                roundTrip(expected.body());
            }
        }
    }

    private static Outcome parse(byte[] b, int offset, int length, String boundary, Limits l) {
        try {
            return new Outcome(Multipart.parse(b, offset, length, boundary, l.maxParts(), l.maxFileBytes()), 0, null);
        } catch (HttpException e) {
            Rejections.check(e, 400, 413);
            return new Outcome(null, e.status(), e.getMessage());
        }
    }

    /** Writes the fields (as UTF-8 text) and the files out again, then parses them with roomy limits. */
    private static void roundTrip(MultipartBody parsed) {
        String boundary = freshBoundary(parsed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parsed.fields().asMap().forEach((name, values) -> values.forEach(v ->
                part(out, boundary, "form-data; name=" + quote(name), null, v.getBytes(StandardCharsets.UTF_8))));
        for (FilePart f : parsed.files()) {
            part(out, boundary, "form-data; name=" + quote(f.field()) + "; filename=" + quote(f.filename()),
                    f.contentType(), f.bytes());
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] b = out.toByteArray();
        MultipartBody again = Multipart.parse(b, 0, b.length, boundary, 1000, 1 << 20);
        assertThat(again.fields().asMap()).as("fields written out again as %s", latin1(b))
                .isEqualTo(parsed.fields().asMap());
        assertThat(again.files()).as("files written out again as %s", latin1(b)).isEqualTo(parsed.files());
    }

    private static void part(ByteArrayOutputStream out, String boundary, String disposition, String contentType,
                             byte[] content) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: ").append(disposition).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** @return a quoted-string (RFC 9110 §5.6.4) holding {@code s} */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** @return a boundary that occurs in no name, value or file of the body */
    private static String freshBoundary(MultipartBody parsed) {
        StringBuilder all = new StringBuilder();
        parsed.fields().asMap().forEach((name, values) -> all.append(name).append('\n').append(values));
        for (FilePart f : parsed.files()) {
            all.append(f.field()).append(f.filename()).append(f.contentType())
                    .append(new String(f.bytes(), StandardCharsets.ISO_8859_1));
        }
        String boundary = "fuzz";
        while (all.indexOf(boundary) >= 0) {
            boundary += "z";
        }
        return boundary;
    }

    private static int values(MultipartBody body) {
        return body.fields().asMap().values().stream().mapToInt(List::size).sum();
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
