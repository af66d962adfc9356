package dev.pronto.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link dev.pronto.App} that {@link ProntoExtension} starts for a test class: a static field holding it,
 * or a static method without parameters returning it (an instance one with {@code @TestInstance(PER_CLASS)}).
 *
 * <pre>{@code
 * @ExtendWith(ProntoExtension.class)
 * class HelloTest {
 *     @ProntoApp
 *     static App app() { return HelloExample.app(); }
 *
 *     @Test
 *     void answersHello(TestClient client) {
 *         assertEquals("Hello world!", client.get("/").send().text());
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface ProntoApp {
}
