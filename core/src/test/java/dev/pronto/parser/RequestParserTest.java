package dev.pronto.parser;

import static dev.pronto.parser.ParseError.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.pronto.parser.ConformanceCorpus.Field;
import dev.pronto.parser.TestBuffers.Placement;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven parser tests. Every case is parsed whole on every kind of buffer, at index 0 and between garbage,
 * then split at every offset and fed one byte at a time: a prefix must give NEED_MORE or the very error the whole
 * input gives, and the completed input the expected result.
 */
class RequestParserTest {
    private static final HeadLimits LIMITS = new HeadLimits(256, 1024, 16);

    /** One row: raw input, then either the expected error or the expected fields. */
    record Case(String name, String raw, ParseError error, List<Field> fields, HeadLimits limits, int capacity) {
        @Override
        public String toString() {
            return name;
        }

        Case limits(HeadLimits l) {
            return new Case(name, raw, error, fields, l, capacity);
        }

        Case capacity(int c) {
            return new Case(name, raw, error, fields, limits, c);
        }
    }

    static Case ok(String name, String raw, String... fields) {
        List<Field> f = Arrays.stream(fields).map(s -> {
            int colon = s.indexOf(": ");
            return new Field(s.substring(0, colon), s.substring(colon + 2));
        }).toList();
        return new Case(name, raw, null, f, LIMITS, 64);
    }

    static Case bad(String name, String raw, ParseError error) {
        return new Case(name, raw, error, List.of(), LIMITS, 64);
    }

    /** A GET of {@code /} with Host and the given extra header lines (each without CRLF). */
    static String get(String... headerLines) {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /** A request line with Host and CRLFCRLF. */
    static String line(String requestLine) {
        return requestLine + "\r\nHost: a\r\n\r\n";
    }

    static Stream<Case> valid() {
        return Stream.of(
                ok("parsesSimpleGet", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "method: GET", "method-id: GET",
                        "target: /", "path: /", "query: none", "authority: none", "version: 1.1", "headers: 1",
                        "header: Host: a", "host: a", "keep-alive: true", "chunked: false", "content-length: none",
                        "expect-continue: false", "start: 0"),
                ok("parsesPathAndQuery", line("GET /a/b?x=1&y=2 HTTP/1.1"), "path: /a/b", "query: x=1&y=2"),
                ok("parsesBareQuestionMarkAsEmptyQuery", line("GET /a? HTTP/1.1"), "path: /a", "query: "),
                ok("keepsLaterQuestionMarksInQuery", line("GET /a?b?c HTTP/1.1"), "path: /a", "query: b?c"),
                ok("acceptsPercentAndSubDelimsInTarget", line("GET /a%20b/~u/!$&'()*+,;=:@ HTTP/1.1"),
                        "path: /a%20b/~u/!$&'()*+,;=:@"),
                ok("acceptsLongTargetAcrossManyWords", line("GET /" + "abcdefgh".repeat(20) + "?q=" + "z".repeat(17)
                        + " HTTP/1.1"), "query: q=" + "z".repeat(17)),
                ok("recognisesHead", line("HEAD / HTTP/1.1"), "method-id: HEAD"),
                ok("recognisesPost", line("POST / HTTP/1.1"), "method-id: POST"),
                ok("recognisesPut", line("PUT / HTTP/1.1"), "method-id: PUT"),
                ok("recognisesDelete", line("DELETE / HTTP/1.1"), "method-id: DELETE"),
                ok("recognisesOptions", line("OPTIONS / HTTP/1.1"), "method-id: OPTIONS"),
                ok("recognisesTrace", line("TRACE / HTTP/1.1"), "method-id: TRACE"),
                ok("recognisesPatch", line("PATCH / HTTP/1.1"), "method-id: PATCH"),
                ok("acceptsExtensionMethod", line("PROPFIND /d HTTP/1.1"), "method: PROPFIND", "method-id: OTHER"),
                ok("acceptsExtensionMethodWithPunctuation", line("M-SEARCH / HTTP/1.1"),
                        "method: M-SEARCH", "method-id: OTHER"),
                ok("treatsMethodsCaseSensitively", line("get / HTTP/1.1"), "method: get", "method-id: OTHER"),
                ok("doesNotMistakeLookalikeMethods", line("GE / HTTP/1.1"), "method-id: OTHER"),
                ok("doesNotMistakeGetx", line("GETX / HTTP/1.1"), "method-id: OTHER"),
                ok("doesNotMistakePosts", line("POSTS / HTTP/1.1"), "method-id: OTHER"),
                ok("doesNotMistakeDeletes", line("DELETES / HTTP/1.1"), "method-id: OTHER"),
                ok("doesNotMistakeConnects", line("CONNECTS / HTTP/1.1"), "method-id: OTHER"),
                ok("doesNotMistakePatchx", line("PATCHX / HTTP/1.1"), "method-id: OTHER"),
                ok("doesNotMistakeTracf", line("TRACF / HTTP/1.1"), "method-id: OTHER"),
                ok("parsesAsteriskFormForOptions", line("OPTIONS * HTTP/1.1"), "target: *", "path: *",
                        "query: none"),
                ok("parsesAbsoluteForm", line("GET http://example.com:8080/a/b?q=1 HTTP/1.1"),
                        "authority: example.com:8080", "path: /a/b", "query: q=1", "target: "
                                + "http://example.com:8080/a/b?q=1"),
                ok("parsesAbsoluteFormWithoutPath", line("GET http://h HTTP/1.1"), "authority: h", "path: ",
                        "query: none"),
                ok("parsesAbsoluteFormWithQueryButNoPath", line("GET HTTPS://h?x HTTP/1.1"), "authority: h",
                        "path: ", "query: x"),
                ok("parsesAbsoluteFormWithIpLiteral", line("GET http://[::1]:80/ HTTP/1.1"), "authority: [::1]:80",
                        "path: /"),
                ok("parsesHttp10WithoutHost", "GET / HTTP/1.0\r\n\r\n", "version: 1.0", "headers: 0",
                        "keep-alive: false", "host: none"),
                ok("keepsHttp10AliveOnKeepAliveToken", "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
                        "keep-alive: true"),
                ok("closesHttp10WhenCloseAlsoPresent", "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n",
                        "keep-alive: false"),
                ok("closesHttp11OnCloseToken", get("Connection: close"), "keep-alive: false"),
                ok("findsCloseTokenInList", get("Connection: Upgrade ,\tCLOSE "), "keep-alive: false"),
                ok("findsCloseTokenOnLaterLine", get("Connection: upgrade", "Connection: close"),
                        "keep-alive: false"),
                ok("ignoresTokensThatOnlyContainClose", get("Connection: closed, xclose"), "keep-alive: true"),
                ok("reportsHttp12AsHttp11", line("GET / HTTP/1.2"), "version: 1.1"),
                ok("reportsHttp19AsHttp11", line("GET / HTTP/1.9"), "version: 1.1"),
                ok("skipsLeadingEmptyLines", "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "start: 4",
                        "method: GET"),
                ok("trimsOwsAroundValue", get("X-A: \t a b \t "), "header: X-A: a b"),
                ok("acceptsEmptyValue", get("X-Empty:"), "header: X-Empty: "),
                ok("acceptsWhitespaceOnlyValue", get("X-Blank: \t "), "header: X-Blank: "),
                ok("acceptsObsTextInValue", get("X-Name: caf\u00e9 \u00ff"), "header: X-Name: caf\u00e9 \u00ff"),
                ok("acceptsTabInsideValue", get("X-Tab: a\tb"), "header: X-Tab: a\tb"),
                ok("acceptsEveryTcharInName", get("!#$%&'*+-.^_`|~09AZaz: v"), "header: !#$%&'*+-.^_`|~09AZaz: v"),
                ok("parsesContentLength", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n",
                        "content-length: 5", "chunked: false"),
                ok("parsesZeroContentLength", get("Content-Length: 0"), "content-length: 0"),
                ok("acceptsLeadingZerosInContentLength", get("Content-Length: 007"), "content-length: 7"),
                ok("acceptsLargestContentLength", get("Content-Length: 9223372036854775807"),
                        "content-length: 9223372036854775807"),
                ok("stopsAtHeadEndBeforeBody", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc",
                        "consumed: 47", "content-length: 3"),
                ok("parsesChunked", get("Transfer-Encoding: chunked"), "chunked: true", "content-length: none"),
                ok("parsesChunkedCaseInsensitively", get("transfer-encoding: CHUNKED"), "chunked: true"),
                ok("ignoresEmptyCodingListElements", get("Transfer-Encoding: , chunked ,"), "chunked: true"),
                ok("acceptsEmptyTransferEncodingLineBeforeChunked", get("Transfer-Encoding:",
                        "Transfer-Encoding: chunked"), "chunked: true"),
                ok("recognisesExpectContinue", get("Expect: 100-Continue"), "expect-continue: true"),
                ok("ignoresExpectContinueInHttp10", "GET / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n",
                        "expect-continue: false"),
                ok("matchesHeaderNamesCaseInsensitively", "GET / HTTP/1.1\r\nHOST: a\r\ncontent-LENGTH: 3\r\n\r\n",
                        "host: a", "content-length: 3"),
                ok("recognisesEveryKnownHeaderName", get("Content-Type: t", "Cookie: c", "Upgrade: u", "Accept: a",
                        "Accept-Encoding: e", "Accept-Language: l", "User-Agent: u", "Authorization: a",
                        "Cache-Control: c", "Keep-Alive: k", "TE: t", "Trailer: t"), "headers: 13"),
                ok("recognisesMoreKnownHeaderNames", get("Date: d", "Origin: o", "Referer: r", "Range: r",
                        "If-None-Match: i", "If-Modified-Since: i", "Content-Encoding: c", "X-Forwarded-For: x",
                        "Expect: 100-continue", "Connection: keep-alive"), "headers: 11"),
                ok("ignoresLookalikeHeaderNames", get("Hostx: y", "Hos: y", "Content-Lengths: 1",
                        "Transfer-Encodinx: chunked", "Content-Lengtx: 1", "Connectio: close", "Xost: b"),
                        "chunked: false", "content-length: none", "keep-alive: true", "host: a"),
                ok("acceptsHeaderCountAtLimit", "GET / HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(15) + "\r\n",
                        "headers: 16"),
                ok("acceptsEmptyHostWithAbsoluteForm", "GET http://a/ HTTP/1.1\r\nHost:\r\n\r\n", "host: ",
                        "authority: a"),
                ok("acceptsIpv6Host", "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", "host: [::1]:8080"),
                ok("acceptsRegNameHost", "GET / HTTP/1.1\r\nHost: a.b-c_d~e%41:\r\n\r\n", "host: a.b-c_d~e%41:"),
                ok("acceptsIpv4HostWithPort", "GET / HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n",
                        "host: 127.0.0.1:80"));
    }

    static Stream<Case> invalid() {
        return Stream.of(
                bad("rejectsLeadingSpace", line(" GET / HTTP/1.1"), MALFORMED_REQUEST_LINE),
                bad("rejectsLeadingTab", line("\tGET / HTTP/1.1"), MALFORMED_REQUEST_LINE),
                bad("rejectsDoubleSpaceAfterMethod", line("GET  / HTTP/1.1"), MALFORMED_REQUEST_LINE),
                bad("rejectsDoubleSpaceBeforeVersion", line("GET /  HTTP/1.1"), MALFORMED_VERSION),
                bad("rejectsMissingVersion", "GET /\r\nHost: a\r\n\r\n", MALFORMED_REQUEST_LINE),
                bad("rejectsMethodOnly", "GET\r\nHost: a\r\n\r\n", MALFORMED_REQUEST_LINE),
                bad("rejectsNonTokenMethod", line("G(T / HTTP/1.1"), INVALID_METHOD),
                bad("rejectsTabAfterMethod", line("GET\t/ HTTP/1.1"), INVALID_METHOD),
                bad("rejectsNonAsciiMethod", line("G\u00c9T / HTTP/1.1"), INVALID_METHOD),
                bad("rejectsNulInMethod", line("GET\0 / HTTP/1.1"), INVALID_METHOD),
                bad("rejectsControlByteInTarget", line("GET /a\u0001b HTTP/1.1"), INVALID_TARGET),
                bad("rejectsNulInTarget", line("GET /a\0b HTTP/1.1"), INVALID_TARGET),
                bad("rejectsTabInTarget", line("GET /a\tb HTTP/1.1"), INVALID_TARGET),
                bad("rejectsDelInTarget", line("GET /a\u007fb HTTP/1.1"), INVALID_TARGET),
                bad("rejectsNonAsciiTarget", line("GET /caf\u00e9 HTTP/1.1"), INVALID_TARGET),
                bad("rejectsFragmentInTarget", line("GET /a#frag HTTP/1.1"), INVALID_TARGET),
                bad("rejectsFragmentInQuery", line("GET /a?b#c HTTP/1.1"), INVALID_TARGET),
                bad("rejectsAsteriskFormForGet", line("GET * HTTP/1.1"), INVALID_TARGET),
                bad("rejectsLongerAsteriskForm", line("OPTIONS *x HTTP/1.1"), INVALID_TARGET),
                bad("rejectsAuthorityFormForGet", line("GET example.com:80 HTTP/1.1"), INVALID_TARGET),
                bad("rejectsOriginFormForConnect", line("CONNECT /x HTTP/1.1"), INVALID_TARGET),
                bad("rejectsConnectWithoutPort", line("CONNECT example.com HTTP/1.1"), INVALID_TARGET),
                bad("rejectsConnectWithoutHost", line("CONNECT :443 HTTP/1.1"), INVALID_TARGET),
                bad("rejectsConnectWithQuery", line("CONNECT h:1?x HTTP/1.1"), INVALID_TARGET),
                bad("rejectsNonHttpScheme", line("GET ftp://x/ HTTP/1.1"), INVALID_TARGET),
                bad("rejectsSchemeWithoutSlashes", line("GET http:/x HTTP/1.1"), INVALID_TARGET),
                bad("rejectsAbsoluteFormWithEmptyHost", line("GET http:///x HTTP/1.1"), INVALID_TARGET),
                bad("rejectsUserinfoInAbsoluteForm", line("GET http://u@h/ HTTP/1.1"), INVALID_TARGET),
                bad("rejectsRelativeTarget", line("GET a/b HTTP/1.1"), INVALID_TARGET),
                bad("rejectsSpaceSeparatedVersion", line("GET / HTTP 1.1"), MALFORMED_VERSION),
                bad("rejectsLowerCaseVersion", line("GET / http/1.1"), MALFORMED_VERSION),
                bad("rejectsTwoDigitMinorVersion", line("GET / HTTP/1.10"), MALFORMED_VERSION),
                bad("rejectsTwoDigitMajorVersion", line("GET / HTTP/11.1"), MALFORMED_VERSION),
                bad("rejectsVersionWithoutMinor", line("GET / HTTP/1"), MALFORMED_VERSION),
                bad("rejectsNonDigitVersion", line("GET / HTTP/a.b"), MALFORMED_VERSION),
                bad("rejectsSpaceAfterVersion", line("GET / HTTP/1.1 "), MALFORMED_VERSION),
                bad("rejectsHttp09", line("GET / HTTP/0.9"), UNSUPPORTED_VERSION),
                bad("rejectsHttp2", line("GET / HTTP/2.0"), UNSUPPORTED_VERSION),
                bad("rejectsHttp3", line("GET / HTTP/3.0"), UNSUPPORTED_VERSION),
                bad("rejectsEmptyHeaderName", get(": v"), INVALID_HEADER_NAME),
                bad("rejectsSpaceInsideHeaderName", get("Bad Name: v"), INVALID_HEADER_NAME),
                bad("rejectsDelimiterInHeaderName", get("Na(me: v"), INVALID_HEADER_NAME),
                bad("rejectsControlByteInHeaderName", get("Na\u0001me: v"), INVALID_HEADER_NAME),
                bad("rejectsNonAsciiHeaderName", get("Nam\u00e9: v"), INVALID_HEADER_NAME),
                bad("rejectsHeaderLineWithoutColon", get("NoColon"), INVALID_HEADER_NAME),
                bad("rejectsSpaceBeforeColon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", WHITESPACE_BEFORE_COLON),
                bad("rejectsTabBeforeColon", get("X-A\t: v"), WHITESPACE_BEFORE_COLON),
                bad("rejectsObsFold", get("X-A: a", " b"), OBS_FOLD),
                bad("rejectsTabObsFold", get("X-A: a", "\tb"), OBS_FOLD),
                bad("rejectsWhitespaceBeforeFirstHeader", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", OBS_FOLD),
                bad("rejectsBareCrInValue", get("X-A: a\rb"), BARE_CR),
                bad("rejectsBareCrAfterRequestLine", "GET / HTTP/1.1\rHost: a\r\n\r\n", BARE_CR),
                bad("rejectsBareCrBeforeRequestLine", "\rGET / HTTP/1.1\r\nHost: a\r\n\r\n", BARE_CR),
                bad("rejectsBareCrAsEmptyLine", "GET / HTTP/1.1\r\nHost: a\r\n\rX\r\n\r\n", BARE_CR),
                bad("rejectsBareLfAfterRequestLine", "GET / HTTP/1.1\nHost: a\r\n\r\n", BARE_LF),
                bad("rejectsBareLfAfterHeader", "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", BARE_LF),
                bad("rejectsBareLfAsEmptyLine", "GET / HTTP/1.1\r\nHost: a\r\n\n", BARE_LF),
                bad("rejectsBareLfBeforeRequestLine", "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", BARE_LF),
                bad("rejectsNulInValue", get("X-A: a\0b"), CONTROL_IN_VALUE),
                bad("rejectsControlByteInValue", get("X-A: a\u0001b"), CONTROL_IN_VALUE),
                bad("rejectsEscapeInValue", get("X-A: a\u001bb"), CONTROL_IN_VALUE),
                bad("rejectsDelInValue", get("X-A: a\u007f"), CONTROL_IN_VALUE),
                bad("rejectsEmptyContentLength", get("Content-Length:"), INVALID_CONTENT_LENGTH),
                bad("rejectsPlusSignedContentLength", get("Content-Length: +5"), INVALID_CONTENT_LENGTH),
                bad("rejectsNegativeContentLength", get("Content-Length: -5"), INVALID_CONTENT_LENGTH),
                bad("rejectsContentLengthList", get("Content-Length: 5,5"), INVALID_CONTENT_LENGTH),
                bad("rejectsContentLengthListWithSpace", get("Content-Length: 5, 5"), INVALID_CONTENT_LENGTH),
                bad("rejectsHexContentLength", get("Content-Length: 0x5"), INVALID_CONTENT_LENGTH),
                bad("rejectsSpaceInsideContentLength", get("Content-Length: 5 5"), INVALID_CONTENT_LENGTH),
                bad("rejectsContentLengthWithSuffix", get("Content-Length: 5a"), INVALID_CONTENT_LENGTH),
                bad("rejectsContentLengthOverflow", get("Content-Length: 9223372036854775808"),
                        INVALID_CONTENT_LENGTH),
                bad("rejectsHugeContentLength", get("Content-Length: 99999999999999999999999"),
                        INVALID_CONTENT_LENGTH),
                bad("rejectsDuplicateContentLength", get("Content-Length: 5", "Content-Length: 5"),
                        DUPLICATE_CONTENT_LENGTH),
                bad("rejectsConflictingContentLength", get("Content-Length: 5", "content-length: 6"),
                        DUPLICATE_CONTENT_LENGTH),
                bad("rejectsContentLengthThenTransferEncoding", get("Content-Length: 5",
                        "Transfer-Encoding: chunked"), CONTENT_LENGTH_WITH_TRANSFER_ENCODING),
                bad("rejectsTransferEncodingThenContentLength", get("Transfer-Encoding: chunked",
                        "Content-Length: 5"), CONTENT_LENGTH_WITH_TRANSFER_ENCODING),
                bad("rejectsGzipAsFinalCoding", get("Transfer-Encoding: gzip"), CHUNKED_NOT_FINAL),
                bad("rejectsIdentityCoding", get("Transfer-Encoding: identity"), CHUNKED_NOT_FINAL),
                bad("answersGzipBeforeChunkedAsNotImplemented", get("Transfer-Encoding: gzip, chunked"),
                        UNSUPPORTED_TRANSFER_CODING),
                bad("answersParameterisedCodingBeforeChunkedAsNotImplemented",
                        get("Transfer-Encoding: gzip;level=\"9\" ; x=y, chunked"), UNSUPPORTED_TRANSFER_CODING),
                bad("rejectsPrefixedChunked", get("Transfer-Encoding: xchunked"), CHUNKED_NOT_FINAL),
                bad("rejectsChunkedWithJunk", get("Transfer-Encoding: chunked x"), INVALID_TRANSFER_ENCODING),
                bad("rejectsChunkedWithParameter", get("Transfer-Encoding: chunked;q=1"),
                        INVALID_TRANSFER_ENCODING),
                bad("rejectsCodingWithBrokenParameter", get("Transfer-Encoding: gzip;q, chunked"),
                        INVALID_TRANSFER_ENCODING),
                bad("rejectsUnknownCodingWithContentLengthAsAmbiguous", get("Transfer-Encoding: gzip, chunked",
                        "Content-Length: 3"), CONTENT_LENGTH_WITH_TRANSFER_ENCODING),
                bad("rejectsNotFinalChunkedBeforeMissingHost", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
                        CHUNKED_NOT_FINAL),
                bad("rejectsChunkedNotFinal", get("Transfer-Encoding: chunked, gzip"), CHUNKED_NOT_FINAL),
                bad("rejectsChunkedNotFinalAcrossLines", get("Transfer-Encoding: chunked",
                        "Transfer-Encoding: gzip"), CHUNKED_NOT_FINAL),
                bad("rejectsTransferEncodingWithoutCoding", get("Transfer-Encoding: , "), CHUNKED_NOT_FINAL),
                bad("rejectsChunkedTwice", get("Transfer-Encoding: chunked, chunked"), CHUNKED_TWICE),
                bad("rejectsChunkedTwiceAcrossLines", get("Transfer-Encoding: chunked",
                        "Transfer-Encoding: Chunked"), CHUNKED_TWICE),
                bad("rejectsTransferEncodingInHttp10", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
                        TRANSFER_ENCODING_IN_HTTP10),
                bad("rejectsMissingHost", "GET / HTTP/1.1\r\nX: y\r\n\r\n", MISSING_HOST),
                bad("rejectsMissingHostWithAbsoluteForm", "GET http://h/ HTTP/1.1\r\n\r\n", MISSING_HOST),
                bad("rejectsDuplicateHost", get("Host: a"), DUPLICATE_HOST),
                bad("rejectsHostWithSpace", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", INVALID_HOST),
                bad("rejectsHostWithSlash", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", INVALID_HOST),
                bad("rejectsHostWithUserinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", INVALID_HOST),
                bad("rejectsHostWithBadPort", "GET / HTTP/1.1\r\nHost: a:b\r\n\r\n", INVALID_HOST),
                bad("rejectsHostWithTwoPorts", "GET / HTTP/1.1\r\nHost: a:1:2\r\n\r\n", INVALID_HOST),
                bad("rejectsUnclosedIpLiteral", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", INVALID_HOST),
                bad("rejectsEmptyIpLiteral", "GET / HTTP/1.1\r\nHost: []\r\n\r\n", INVALID_HOST),
                bad("rejectsUnknownExpectation", get("Expect: foo"), UNSUPPORTED_EXPECTATION),
                bad("rejectsAmbiguousFramingBeforeUnknownExpectation", get("Expect: foo", "Content-Length: 1",
                        "Transfer-Encoding: chunked"), CONTENT_LENGTH_WITH_TRANSFER_ENCODING),
                bad("rejectsEmptyHost", "GET / HTTP/1.1\r\nHost:\r\n\r\n", INVALID_HOST),
                bad("rejectsHostWithOnlyAPort", "GET / HTTP/1.1\r\nHost: :80\r\n\r\n", INVALID_HOST),
                bad("rejectsConnect", line("CONNECT example.com:443 HTTP/1.1"), CONNECT_NOT_SUPPORTED),
                bad("rejectsBrokenVersionBeforeTheHeadEnds", "GET /asd?qwe HTT\r\n", MALFORMED_VERSION),
                bad("rejectsMissingVersionBeforeTheHeadEnds", "GET /asd?qwe \r\n", MALFORMED_VERSION),
                bad("rejectsExpectationList", get("Expect: 100-continue, foo"), UNSUPPORTED_EXPECTATION),
                bad("rejectsEmptyExpectation", get("Expect:"), UNSUPPORTED_EXPECTATION));
    }

    static Stream<Case> limits() {
        HeadLimits small = new HeadLimits(32, 64, 4);
        String line32 = "GET /" + "a".repeat(16) + " HTTP/1.1\r\n";
        String headers64 = "Host: a\r\n" + "X: " + "b".repeat(48) + "\r\n\r\n";
        return Stream.of(
                ok("acceptsRequestLineAtLimit", line32 + "Host: a\r\n\r\n").limits(small),
                bad("rejectsRequestLineOverLimit", "GET /" + "a".repeat(17) + " HTTP/1.1\r\nHost: a\r\n\r\n",
                        REQUEST_LINE_TOO_LONG).limits(small),
                bad("rejectsEndlessRequestLineBeforeItEnds", "GET /" + "a".repeat(100), REQUEST_LINE_TOO_LONG)
                        .limits(small),
                bad("countsLeadingEmptyLinesAgainstRequestLine", "\r\n".repeat(9) + "GET / HTTP/1.1\r\n\r\n",
                        REQUEST_LINE_TOO_LONG).limits(small),
                bad("rejectsEndlessEmptyLines", "\r\n".repeat(40), TOO_MANY_EMPTY_LINES).limits(small),
                bad("rejectsMethodThatFillsTheLine", "A".repeat(40), METHOD_TOO_LONG).limits(small),
                bad("rejectsLineOverLimitInTheVersion", "GET /" + "a".repeat(20) + " HTTP/1.1\r\n",
                        REQUEST_LINE_TOO_LONG).limits(small),
                bad("rejectsBrokenVersionAtTheLimit", "GET /" + "a".repeat(20) + " HTTX/1.1\r\n",
                        MALFORMED_VERSION).limits(small),
                bad("prefersEarlierErrorOverLineLimit", "G@T /" + "a".repeat(100), INVALID_METHOD).limits(small),
                ok("acceptsHeaderSectionAtLimit", line32 + headers64, "headers: 2").limits(small),
                bad("rejectsHeaderSectionOverLimit", line32 + "Host: a\r\nX: " + "b".repeat(49) + "\r\n\r\n",
                        HEADERS_TOO_LARGE).limits(small),
                bad("rejectsEndlessHeaderBeforeItEnds", line32 + "Host: a\r\nX: " + "b".repeat(200),
                        HEADERS_TOO_LARGE).limits(small),
                bad("rejectsEndlessHeaderSectionBeforeItEnds", line32 + "X: y\r\n".repeat(20),
                        HEADERS_TOO_LARGE).limits(new HeadLimits(32, 64, 16)),
                bad("reportsBareCrRightAtTheLimit", line32 + headers64.substring(0, 63) + "x",
                        BARE_CR).limits(small),
                bad("rejectsTooManyHeaders", "GET / HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(16) + "\r\n",
                        TOO_MANY_HEADERS),
                bad("rejectsMoreHeadersThanTheHeadHolds", "GET / HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(3)
                        + "\r\n", TOO_MANY_HEADERS).capacity(3),
                ok("acceptsAsManyHeadersAsTheHeadHolds", "GET / HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(2)
                        + "\r\n", "headers: 3").capacity(3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesValidRequest(Case c) {
        feedEveryWay(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsInvalidRequest(Case c) {
        feedEveryWay(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void enforcesLimits(Case c) {
        feedEveryWay(c);
    }

    @Test
    void parsesPipelinedRequestsOneAfterAnother() {
        byte[] in = TestBuffers.bytes("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3");
        ByteBuffer buf = ByteBuffer.wrap(in);
        RequestParser parser = new RequestParser(LIMITS);
        RequestHead head = new RequestHead(16);
        int first = parser.parse(buf, 0, in.length, head);
        assertThat(HeadView.text(buf, head.pathStart(), head.pathEnd())).isEqualTo("/1");
        int second = parser.parse(buf, first, in.length, head);
        assertThat(HeadView.text(buf, head.pathStart(), head.pathEnd())).isEqualTo("/2");
        assertThat(parser.parse(buf, first + second, in.length, head)).isEqualTo(RequestParser.NEED_MORE);
    }

    @Test
    void startsAfreshWhenTheRequestMovedInTheBuffer() {
        byte[] in = TestBuffers.bytes("xxGET /a HTTP/1.1\r\nHost: a\r\nX: 1\r\n\r\n");
        ByteBuffer buf = ByteBuffer.wrap(in.clone());
        RequestParser parser = new RequestParser(LIMITS);
        RequestHead head = new RequestHead(16);
        assertThat(parser.parse(buf, 2, 30, head)).isEqualTo(RequestParser.NEED_MORE);
        // The connection compacts its buffer: the same bytes now start at 0.
        buf.put(0, in, 2, in.length - 2);
        assertThat(parser.parse(buf, 0, in.length - 2, head)).isEqualTo(in.length - 2);
        assertThat(head.headerCount()).isEqualTo(2);
        assertThat(HeadView.text(buf, head.nameStart(1), head.valueEnd(1))).isEqualTo("X: 1");
    }

    @Test
    void startsAfreshAfterReset() {
        byte[] in = TestBuffers.bytes("GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n\r\n");
        ByteBuffer buf = ByteBuffer.wrap(in.clone());
        RequestParser parser = new RequestParser(LIMITS);
        RequestHead head = new RequestHead(16);
        assertThat(parser.parse(buf, 0, 25, head)).isEqualTo(RequestParser.NEED_MORE);
        head.reset();
        buf.put(16, TestBuffers.bytes("Hist"));
        assertThat(parser.parse(buf, 0, in.length, head)).isEqualTo(RequestParser.ERROR);
        assertThat(head.error()).isEqualTo(MISSING_HOST);
    }

    @Test
    void copiesHeadWithShiftedOffsets() {
        byte[] in = TestBuffers.bytes("POST http://h/p?q HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n");
        byte[] shifted = new byte[in.length + 100];
        System.arraycopy(in, 0, shifted, 100, in.length);
        RequestHead head = new RequestHead(8);
        new RequestParser(LIMITS).parse(ByteBuffer.wrap(shifted), 100, shifted.length, head);
        RequestHead copy = new RequestHead(2);
        copy.copyFrom(head, -100);
        ByteBuffer detached = ByteBuffer.wrap(in);
        assertThat(HeadView.fields(copy, detached, 0))
                .isEqualTo(HeadView.fields(head, ByteBuffer.wrap(shifted), 100));
        assertThat(copy.queryStart()).isEqualTo(head.queryStart() - 100);
    }

    @Test
    void copyKeepsAbsentOffsetsAbsent() {
        RequestHead head = new RequestHead(4);
        byte[] in = TestBuffers.bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        new RequestParser(LIMITS).parse(ByteBuffer.wrap(in), 0, in.length, head);
        RequestHead copy = new RequestHead(4);
        copy.copyFrom(head, 7);
        assertThat(copy.queryStart()).isEqualTo(-1);
        assertThat(copy.authorityStart()).isEqualTo(-1);
        assertThat(copy.hostIndex()).isZero();
        assertThat(copy.valueStart(0)).isEqualTo(head.valueStart(0) + 7);
    }

    @Test
    void refusesToCopyIntoASmallerHead() {
        RequestHead head = new RequestHead(4);
        byte[] in = TestBuffers.bytes(get("X: 1", "Y: 2"));
        new RequestParser(LIMITS).parse(ByteBuffer.wrap(in), 0, in.length, head);
        assertThatThrownBy(() -> new RequestHead(2).copyFrom(head, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesARangeOutsideTheBuffer() {
        ByteBuffer buf = ByteBuffer.allocate(10).limit(5);
        RequestParser parser = new RequestParser(LIMITS);
        assertThatThrownBy(() -> parser.parse(buf, 0, 6, new RequestHead(1)))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> parser.parse(buf, 3, 2, new RequestHead(1)))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void headerAccessorsRefuseIndicesPastTheCount() {
        RequestHead head = new RequestHead(4);
        byte[] in = TestBuffers.bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        new RequestParser(LIMITS).parse(ByteBuffer.wrap(in), 0, in.length, head);
        assertThatThrownBy(() -> head.nameStart(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsNonPositiveLimits() {
        assertThatThrownBy(() -> new HeadLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestHead(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- feeding ----

    private static void feedEveryWay(Case c) {
        byte[] in = TestBuffers.bytes(c.raw());
        for (Placement pl : TestBuffers.ALL) {
            ByteBuffer buf = TestBuffers.buffer(pl, in, in.length);
            byte[] before = TestBuffers.snapshot(buf);
            RequestHead head = new RequestHead(c.capacity());
            int r = new RequestParser(c.limits()).parse(buf, pl.before(), pl.before() + in.length, head);
            checkFinal(c, in, r, head, buf, pl, "whole on " + pl);
            assertThat(TestBuffers.snapshot(buf)).as("buffer untouched").isEqualTo(before);
            assertThat(buf.position()).isEqualTo(Math.min(1, buf.capacity()));
        }
        for (Placement pl : TestBuffers.WRITABLE) {
            for (int k = 1; k < in.length; k++) {
                feedInTwo(c, in, pl, k);
            }
            feedByteByByte(c, in, pl);
        }
    }

    private static void feedInTwo(Case c, byte[] in, Placement pl, int k) {
        RequestParser parser = new RequestParser(c.limits());
        ByteBuffer buf = TestBuffers.buffer(pl, in, k);
        RequestHead head = new RequestHead(c.capacity());
        String how = "split at " + k + " on " + pl;
        int r = parser.parse(buf, pl.before(), pl.before() + k, head);
        if (checkPartial(c, in, r, head, buf, pl, k, how)) {
            return;
        }
        TestBuffers.arrive(buf, pl, in, k, in.length);
        r = parser.parse(buf, pl.before(), pl.before() + in.length, head);
        checkFinal(c, in, r, head, buf, pl, how);
    }

    private static void feedByteByByte(Case c, byte[] in, Placement pl) {
        RequestParser parser = new RequestParser(c.limits());
        ByteBuffer buf = TestBuffers.buffer(pl, in, 0);
        RequestHead head = new RequestHead(c.capacity());
        for (int k = 1; k <= in.length; k++) {
            TestBuffers.arrive(buf, pl, in, k - 1, k);
            int r = parser.parse(buf, pl.before(), pl.before() + k, head);
            String how = "byte by byte, " + k + " bytes on " + pl;
            if (k == in.length) {
                checkFinal(c, in, r, head, buf, pl, how);
            } else if (checkPartial(c, in, r, head, buf, pl, k, how)) {
                return;
            }
        }
    }

    /** @return true when the prefix already settled the outcome (an error, or a head complete before the cut) */
    private static boolean checkPartial(Case c, byte[] in, int r, RequestHead head, ByteBuffer buf, Placement pl,
            int k, String how) {
        if (r == RequestParser.NEED_MORE) {
            return false;
        }
        if (r == RequestParser.ERROR) {
            assertThat(head.error()).as("error on a prefix, " + how).isNotNull().isEqualTo(c.error());
            return true;
        }
        assertThat(c.error()).as("a prefix parsed though the input is invalid, " + how).isNull();
        assertThat(r).as("a prefix parsed, " + how).isEqualTo(expectedConsumed(c, in)).isLessThanOrEqualTo(k);
        checkFinal(c, in, r, head, buf, pl, how);
        return true;
    }

    private static void checkFinal(Case c, byte[] in, int r, RequestHead head, ByteBuffer buf, Placement pl,
            String how) {
        if (c.error() != null) {
            assertThat(r).as("result, " + how).isEqualTo(RequestParser.ERROR);
            assertThat(head.error()).as("error, " + how).isEqualTo(c.error());
            return;
        }
        if (r < 0) {
            fail("expected a head but got %s (%s), %s", r, head.error(), how);
        }
        assertThat(r).as("consumed, " + how).isEqualTo(expectedConsumed(c, in));
        assertThat(head.end()).isEqualTo(pl.before() + r);
        HeadView.assertFields(HeadView.fields(head, buf, pl.before()), c.fields(), how);
    }

    private static int expectedConsumed(Case c, byte[] in) {
        return c.fields().stream().filter(f -> f.key().equals("consumed")).map(f -> Integer.parseInt(f.value()))
                .findFirst().orElse(in.length);
    }
}
