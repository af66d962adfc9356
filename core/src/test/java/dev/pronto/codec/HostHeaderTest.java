package dev.pronto.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pronto.HttpException;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostHeaderTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "example.com              | example.com   | -1",
            "example.com:8080         | example.com   | 8080",
            "Example.COM:80           | example.com   | 80",
            "127.0.0.1                | 127.0.0.1     | -1",
            "127.0.0.1:9000           | 127.0.0.1     | 9000",
            "[::1]                    | ::1           | -1",
            "[::1]:8080               | ::1           | 8080",
            "[2001:DB8::A]:443        | 2001:db8::a   | 443",
            "[::ffff:192.0.2.1]       | ::ffff:192.0.2.1 | -1",
            "localhost:0              | localhost     | 0",
            "localhost:65535          | localhost     | 65535",
            "localhost:00080          | localhost     | 80",
            "xn--bcher-kva.example    | xn--bcher-kva.example | -1",
            "a_b~c!$&'()*+,;=%41      | a_b~c!$&'()*+,;=%41 | -1",
            "\"\"                       | \"\"            | -1",
            ":8080                    | \"\"            | 8080",
    })
    void parsesNameAndPort(String value, String name, int port) {
        HostHeader h = HostHeader.parse(value);
        assertThat(h.name()).isEqualTo(name);
        assertThat(h.port()).isEqualTo(port < 0 ? OptionalInt.empty() : OptionalInt.of(port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com:", "example.com:http", "example.com:80a", "example.com:-1",
            "example.com:65536", "example.com:99999", "example.com:123456", "example.com: 80", "example.com:+80",
            "a:b:c", "::1", "[::1", "[::1]:", "[::1]x", "[::1]80", "[]", "[]:80", "[::1%25eth0]", "[::1]:65536",
            "exa mple.com", "example.com/", "user@example.com", "example.com\r\n", "ex\u00e9mple.com", "[::1]]",
            "[[::1]"})
    void rejectsInvalidValuesWith400(String value) {
        assertThatThrownBy(() -> HostHeader.parse(value)).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.status()).isEqualTo(400)).hasMessageStartingWith("Invalid Host header");
    }
}
