package dev.pronto.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pronto.FilePart;
import dev.pronto.HttpException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartTest {
    private static final String B = "XyZ-b0undary";
    private static final byte[] ALL_BYTES = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            ALL_BYTES[i] = (byte) i;
        }
    }

    /** Builds a body from text (UTF-8) and raw bytes. */
    private static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body text(String s) {
            out.writeBytes(s.getBytes(UTF_8));
            return this;
        }

        Body bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] build() {
            return out.toByteArray();
        }
    }

    private static MultipartBody parse(byte[] body) {
        return Multipart.parse(body, 0, body.length, B, 100, 1 << 20);
    }

    private static MultipartBody parse(String body) {
        return parse(body.getBytes(UTF_8));
    }

    private static void assertStatus(ThrowingCallable call, int status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.status()).isEqualTo(status)).hasMessageContaining(message);
    }

    /** Two files (one binary with every byte value and CRLFs inside) and a text field, byte for byte. */
    private static byte[] twoFilesAndAField() {
        return new Body()
                .text("--" + B + "\r\n")
                .text("Content-Disposition: form-data; name=\"title\"\r\n\r\n")
                .text("Hello, wörld\r\nsecond line")
                .text("\r\n--" + B + "\r\n")
                .text("Content-Disposition: form-data; name=\"upload\"; filename=\"data.bin\"\r\n")
                .text("Content-Type: application/octet-stream\r\n\r\n")
                .bytes(binaryContent())
                .text("\r\n--" + B + "\r\n")
                .text("Content-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\n")
                .text("Content-Type: text/plain; charset=utf-8\r\n\r\n")
                .text("line 1\r\nline 2\r\n")
                .text("\r\n--" + B + "--\r\n")
                .build();
    }

    /** Every byte value, CRLFs, and a near-delimiter: a file's content. */
    private static byte[] binaryContent() {
        return new Body().bytes(ALL_BYTES).text("\r\n--XyZ-b0undar\r\n-\r\n\r\n").bytes(ALL_BYTES).build();
    }

    @Test
    void parsesTwoFilesAndATextFieldByteForByte() {
        MultipartBody body = parse(twoFilesAndAField());
        assertThat(body.fields().asMap()).containsOnlyKeys("title");
        assertThat(body.fields().first("title")).contains("Hello, wörld\r\nsecond line");
        assertThat(body.files()).hasSize(2);
        FilePart bin = body.files().get(0);
        assertThat(bin.field()).isEqualTo("upload");
        assertThat(bin.filename()).isEqualTo("data.bin");
        assertThat(bin.contentType()).isEqualTo("application/octet-stream");
        assertThat(bin.bytes()).isEqualTo(binaryContent());
        FilePart txt = body.files().get(1);
        assertThat(txt.filename()).isEqualTo("notes.txt");
        assertThat(txt.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(txt.text()).isEqualTo("line 1\r\nline 2\r\n");
    }

    @Test
    void parsesABodyWithinALargerArray() {
        byte[] body = twoFilesAndAField();
        byte[] padded = new byte[body.length + 20];
        Arrays.fill(padded, (byte) '-');
        System.arraycopy(body, 0, padded, 7, body.length);
        assertThat(Multipart.parse(padded, 7, body.length, B, 10, 1000)).isEqualTo(parse(body));
    }

    @Test
    void copiesFileBytesOutOfTheBuffer() {
        byte[] body = twoFilesAndAField();
        MultipartBody parsed = parse(body);
        Arrays.fill(body, (byte) 0);
        assertThat(parsed.files().getFirst().bytes()).isEqualTo(binaryContent());
    }

    @Test
    void ignoresThePreambleAndTheEpilogue() {
        MultipartBody body = parse("This is the preamble.\r\nIt has --" + B + "x inside a line.\r\n--" + B
                + "\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" + B
                + "--\r\nThis is the epilogue, --" + B + "\r\n and anything at all\r\n");
        assertThat(body.fields().asMap()).containsOnlyKeys("a");
        assertThat(body.fields().first("a")).contains("1");
    }

    @Test
    void acceptsAnEmptyPreambleLine() {
        assertThat(parse("\r\n--" + B + "\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" + B + "--")
                .fields().first("a")).contains("1");
    }

    @Test
    void acceptsACloseDelimiterAtTheVeryEnd() {
        assertThat(parse("--" + B + "\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n--" + B + "--")
                .fields().first("a")).contains("");
    }

    @Test
    void acceptsTransportPaddingAfterDelimiters() {
        MultipartBody body = parse("--" + B + " \t\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--" + B
                + "  \r\nContent-Disposition: form-data; name=b\r\n\r\ny\r\n--" + B + "-- \t\r\n");
        assertThat(body.fields().all("a")).containsExactly("x");
        assertThat(body.fields().all("b")).containsExactly("y");
    }

    @Test
    void acceptsABodyWithNoParts() {
        MultipartBody body = parse("--" + B + "--\r\n");
        assertThat(body.fields().isEmpty()).isTrue();
        assertThat(body.files()).isEmpty();
    }

    @Test
    void readsAQuotedBoundaryFromTheContentType() {
        String boundary = ContentType.parse("multipart/form-data; boundary=\"gc0p4Jq0M2Yt08j34c0p: (a+b)=?\"")
                .boundary().orElseThrow();
        byte[] b = ("--" + boundary + "\r\nContent-Disposition: form-data; name=f\r\n\r\nv\r\n--" + boundary + "--")
                .getBytes(UTF_8);
        assertThat(Multipart.parse(b, 0, b.length, boundary, 10, 10).fields().first("f")).contains("v");
    }

    @Test
    void acceptsABoundaryOfSeventyCharacters() {
        String boundary = "b".repeat(70);
        byte[] b = ("--" + boundary + "\r\nContent-Disposition: form-data; name=f\r\n\r\nv\r\n--" + boundary + "--")
                .getBytes(UTF_8);
        assertThat(Multipart.parse(b, 0, b.length, boundary, 10, 10).fields().first("f")).contains("v");
    }

    @Test
    void keepsFieldsAndFilesInOrderWithRepeatedNames() {
        MultipartBody body = parse("--" + B + "\r\nContent-Disposition: form-data; name=tag\r\n\r\nx\r\n--" + B
                + "\r\nContent-Disposition: form-data; name=other\r\n\r\ny\r\n--" + B
                + "\r\nContent-Disposition: form-data; name=tag\r\n\r\nz\r\n--" + B + "--\r\n");
        assertThat(body.fields().names()).containsExactly("tag", "other");
        assertThat(body.fields().all("tag")).containsExactly("x", "z");
    }

    @Test
    void readsHeaderNamesCaseInsensitivelyAndIgnoresOtherHeaders() {
        MultipartBody body = parse("--" + B + "\r\nX-Custom: whatever\r\ncontent-DISPOSITION:FORM-DATA;NAME=\"f\";"
                + " FileName=\"a.txt\"\r\nCONTENT-TYPE:   text/csv  \r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "a,b\r\n--" + B + "--");
        FilePart f = body.files().getFirst();
        assertThat(f.field()).isEqualTo("f");
        assertThat(f.filename()).isEqualTo("a.txt");
        assertThat(f.contentType()).isEqualTo("text/csv");
        assertThat(f.text()).isEqualTo("a,b");
    }

    @Test
    void unquotesParametersWithBackslashEscapes() {
        MultipartBody body = parse("--" + B + "\r\nContent-Disposition: form-data; name=\"we\\\"ird; name\";"
                + " filename=\"C:\\\\dir\\\\\\\"q\\\".txt\"\r\n\r\n\r\n--" + B + "--");
        FilePart f = body.files().getFirst();
        assertThat(f.field()).isEqualTo("we\"ird; name");
        assertThat(f.filename()).isEqualTo("C:\\dir\\\"q\".txt");
    }

    @Test
    void readsUtf8Filenames() {
        MultipartBody body = parse("--" + B + "\r\nContent-Disposition: form-data; name=f; filename=\"résumé €.pdf\""
                + "\r\n\r\n%PDF\r\n--" + B + "--");
        assertThat(body.files().getFirst().filename()).isEqualTo("résumé €.pdf");
    }

    @Test
    void treatsAnEmptyFilenameAsAnEmptyFile() {
        MultipartBody body = parse("--" + B + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\r\n--" + B + "--\r\n");
        assertThat(body.fields().isEmpty()).isTrue();
        assertThat(body.files()).containsExactly(new FilePart("f", "", "application/octet-stream", new byte[0]));
    }

    @Test
    void givesAFileWithoutContentTypeTheOctetStreamType() {
        MultipartBody body = parse("--" + B + "\r\nContent-Disposition: form-data; name=f; filename=a\r\n\r\nx\r\n--"
                + B + "--");
        assertThat(body.files().getFirst().contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void decodesTextFieldsWithTheirCharset() {
        byte[] body = new Body().text("--" + B + "\r\nContent-Disposition: form-data; name=latin\r\n")
                .text("Content-Type: text/plain; charset=ISO-8859-1\r\n\r\n").bytes("café".getBytes(ISO_8859_1))
                .text("\r\n--" + B + "\r\nContent-Disposition: form-data; name=unknown\r\n")
                .text("Content-Type: text/plain; charset=x-no-such\r\n\r\n").text("thé")
                .text("\r\n--" + B + "\r\nContent-Disposition: form-data; name=bad\r\n\r\n").bytes(new byte[] {(byte) 0xff})
                .text("\r\n--" + B + "--").build();
        MultipartBody parsed = parse(body);
        assertThat(parsed.fields().first("latin")).contains("café");
        assertThat(parsed.fields().first("unknown")).contains("thé");
        assertThat(parsed.fields().first("bad")).contains("\uFFFD");
    }

    @Test
    void rejectsLfOnlyFramingWith400() {
        String crlf = "--" + B + "\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" + B + "--\r\n";
        assertThat(parse(crlf).fields().first("a")).contains("1");
        assertStatus(() -> parse(crlf.replace("\r\n", "\n")), 400, "Malformed multipart body");
        assertStatus(() -> parse(crlf.replaceFirst("name=a\r\n", "name=a\n")), 400, "bare CR or LF");
        assertStatus(() -> parse(crlf.replaceFirst("\r\n\r\n", "\n\n")), 400, "bare CR or LF");
        assertStatus(() -> parse(crlf.replaceFirst(B + "\r\n", B + "\n")), 400, "not ended by CRLF");
        assertStatus(() -> parse(crlf.replace("1\r\n--", "1\n--")), 400, "missing close delimiter");
    }

    @Test
    void rejectsABareCrInPartHeaders() {
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data;\r name=a\r\n\r\n1\r\n--" + B + "--"),
                400, "bare CR or LF");
    }

    @Test
    void rejectsEveryTruncationBeforeTheCloseDelimiterEndsWith400() {
        byte[] body = twoFilesAndAField();
        MultipartBody whole = parse(body);
        // "--boundary--" without its final CRLF is complete; followed by a lone CR it is not.
        int closeEnd = body.length - 2;
        for (int n = 0; n < body.length; n++) {
            int len = n;
            if (len == closeEnd) {
                assertThat(Multipart.parse(body, 0, len, B, 100, 1 << 20)).isEqualTo(whole);
            } else {
                assertStatus(() -> Multipart.parse(body, 0, len, B, 100, 1 << 20), 400, "Malformed multipart body");
            }
        }
    }

    @Test
    void rejectsAMissingCloseDelimiterWith400() {
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"), 400,
                "missing close delimiter");
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" + B),
                400, "missing close delimiter");
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" + B
                + "\r\n"), 400, "part headers not ended by a blank line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no delimiter at all", "--XyZ-b0undar\r\n", "\r\n-XyZ-b0undary\r\n", "--xyz-b0undary--"})
    void rejectsABodyWithoutTheBoundaryWith400(String body) {
        assertStatus(() -> parse(body), 400, "no boundary delimiter");
    }

    @Test
    void rejectsADelimiterFollowedByJunkWith400() {
        assertStatus(() -> parse("--" + B + "X\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" + B + "--"),
                400, "not ended by CRLF");
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" + B
                + "Xtra\r\n--" + B + "--"), 400, "not ended by CRLF");
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--" + B
                + "--junk"), 400, "close delimiter not followed by CRLF");
    }

    @Test
    void rejectsAMissingOrInvalidBoundaryWith400() {
        byte[] body = twoFilesAndAField();
        assertStatus(() -> Multipart.parse(body, 0, body.length, null, 10, 10), 400, "missing boundary");
        assertStatus(() -> Multipart.parse(body, 0, body.length, "", 10, 10), 400, "missing boundary");
        assertStatus(() -> Multipart.parse(body, 0, body.length, "b".repeat(71), 10, 10), 400, "longer than 70");
        for (String bad : List.of("a\rb", "a\nb", "a;b", "a\"b", "trailing ", "é", "a\\b", "a@b")) {
            assertStatus(() -> Multipart.parse(body, 0, body.length, bad, 10, 10), 400, "invalid boundary");
        }
    }

    @Test
    void acceptsExactlyMaxPartsAndAnswers413Past() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            s.append("--").append(B).append("\r\nContent-Disposition: form-data; name=p").append(i).append("\r\n\r\n")
                    .append(i).append("\r\n");
        }
        byte[] body = s.append("--").append(B).append("--").toString().getBytes(UTF_8);
        assertThat(Multipart.parse(body, 0, body.length, B, 3, 0).fields().size()).isEqualTo(3);
        assertStatus(() -> Multipart.parse(body, 0, body.length, B, 2, 0), 413, "Too many multipart parts");
        assertStatus(() -> Multipart.parse(body, 0, body.length, B, 0, 0), 413, "Too many multipart parts");
    }

    @Test
    void acceptsAFileOfExactlyMaxFileBytesAndAnswers413Past() {
        byte[] body = twoFilesAndAField();
        int size = binaryContent().length;
        assertThat(Multipart.parse(body, 0, body.length, B, 10, size).files()).hasSize(2);
        assertStatus(() -> Multipart.parse(body, 0, body.length, B, 10, size - 1), 413, "File too large");
    }

    @Test
    void doesNotLimitTextFieldsByMaxFileBytes() {
        byte[] body = ("--" + B + "\r\nContent-Disposition: form-data; name=a\r\n\r\n" + "x".repeat(100) + "\r\n--"
                + B + "--").getBytes(UTF_8);
        assertThat(Multipart.parse(body, 0, body.length, B, 10, 0).fields().first("a")).contains("x".repeat(100));
    }

    @Test
    void rejectsAPartWithoutANameWith400() {
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data; filename=a\r\n\r\n1\r\n--" + B + "--"),
                400, "part without a name");
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data\r\n\r\n1\r\n--" + B + "--"),
                400, "part without a name");
        assertStatus(() -> parse("--" + B + "\r\nContent-Type: text/plain\r\n\r\n1\r\n--" + B + "--"),
                400, "without Content-Disposition");
        assertStatus(() -> parse("--" + B + "\r\n\r\n1\r\n--" + B + "--"), 400, "without Content-Disposition");
    }

    @Test
    void rejectsAPartThatIsNotFormDataWith400() {
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--" + B + "--"),
                400, "not of Content-Disposition form-data");
    }

    @Test
    void rejectsRepeatedDispositionOrTypeWith400() {
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data; name=a\r\ncontent-disposition: "
                + "form-data; name=b\r\n\r\n1\r\n--" + B + "--"), 400, "two Content-Disposition");
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data; name=a\r\nContent-Type: a/b\r\n"
                + "Content-Type: c/d\r\n\r\n1\r\n--" + B + "--"), 400, "two Content-Type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Disposition : form-data; name=a", " Content-Disposition: form-data; name=a",
            "Content-Disposition form-data", ": x", "Bad(Name): x", "X-A: a\u0000b", "X-A: a\u0001b", "X-A: a\u007fb"})
    void rejectsInvalidPartHeaderLinesWith400(String line) {
        assertStatus(() -> parse("--" + B + "\r\nContent-Disposition: form-data; name=z\r\n" + line + "\r\n\r\n1\r\n--"
                + B + "--"), 400, "Malformed multipart body");
    }

    @Test
    void acceptsAHeaderSectionOfExactly8KiBAndRejectsALongerOne() {
        String prefix = "--" + B + "\r\n";
        String disposition = "Content-Disposition: form-data; name=a\r\n";
        String filler = "X-Fill: ";
        int fill = Multipart.MAX_HEADER_BYTES - disposition.length() - filler.length() - 4;
        String head = disposition + filler + "f".repeat(fill) + "\r\n\r\n";
        assertThat(head).hasSize(Multipart.MAX_HEADER_BYTES);
        assertThat(parse(prefix + head + "v\r\n--" + B + "--").fields().first("a")).contains("v");
        String longer = disposition + filler + "f".repeat(fill + 1) + "\r\n\r\n";
        assertStatus(() -> parse(prefix + longer + "v\r\n--" + B + "--"), 400, "longer than 8192 bytes");
    }

    @Test
    void scansALargeBodyFullOfNearDelimitersInLinearTime() {
        String near = "\r\n--" + B.substring(0, B.length() - 1) + "!";
        byte[] body = new Body().text("--" + B + "\r\nContent-Disposition: form-data; name=f; filename=x\r\n\r\n")
                .text(near.repeat(200_000)).text("\r\n--" + B + "--").build();
        MultipartBody parsed = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Multipart.parse(body, 0, body.length, B, 10, Long.MAX_VALUE));
        assertThat(parsed.files().getFirst().size()).isEqualTo(near.length() * 200_000);
    }

    @Test
    void rejectsNegativeLimitsAndARangeOutsideTheArray() {
        byte[] body = twoFilesAndAField();
        assertThatThrownBy(() -> Multipart.parse(body, 0, body.length, B, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multipart.parse(body, 1, body.length, B, 1, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void answersEveryRandomMutationWithAResultOrAnHttpException() {
        byte[] valid = twoFilesAndAField();
        byte[] delimiter = ("\r\n--" + B).getBytes(UTF_8);
        byte[] interesting = "\r\n-\"\\;=: \t".getBytes(UTF_8);
        Random random = new Random(42);
        int parsed = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] body = valid.clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                body = mutate(body, random, delimiter, interesting);
            }
            int offset = body.length > 0 && random.nextInt(8) == 0 ? random.nextInt(body.length) : 0;
            int length = body.length - offset;
            int maxParts = random.nextInt(5);
            long maxFile = random.nextBoolean() ? Long.MAX_VALUE : random.nextInt(600);
            try {
                Multipart.parse(body, offset, length, B, maxParts, maxFile);
                parsed++;
            } catch (HttpException e) {
                assertThat(e.status()).isIn(400, 413);
            } catch (RuntimeException e) {
                throw new AssertionError("Mutation " + i + " threw " + e + " on " + new String(body, ISO_8859_1), e);
            }
        }
        assertThat(parsed).as("some mutations stay valid").isPositive();
    }

    private static byte[] mutate(byte[] b, Random random, byte[] delimiter, byte[] interesting) {
        int at = b.length == 0 ? 0 : random.nextInt(b.length);
        return switch (random.nextInt(7)) {
            case 0 -> { // overwrite one byte with any value
                if (b.length > 0) {
                    b[at] = (byte) random.nextInt(256);
                }
                yield b;
            }
            case 1 -> { // overwrite one byte with a framing byte
                if (b.length > 0) {
                    b[at] = interesting[random.nextInt(interesting.length)];
                }
                yield b;
            }
            case 2 -> insert(b, at, new byte[] {interesting[random.nextInt(interesting.length)]});
            case 3 -> insert(b, at, delimiter);
            case 4 -> { // delete a range
                int n = Math.min(b.length - at, random.nextInt(40));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                yield out;
            }
            case 5 -> Arrays.copyOf(b, at); // truncate
            default -> insert(b, at, Arrays.copyOfRange(b, at, Math.min(b.length, at + random.nextInt(80))));
        };
    }

    private static byte[] insert(byte[] b, int at, byte[] piece) {
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }
}
