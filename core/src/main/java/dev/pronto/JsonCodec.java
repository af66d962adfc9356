package dev.pronto;

import java.lang.reflect.Type;
import java.util.ServiceLoader;

/**
 * Reads and writes JSON for {@link Request#json(Type)} and {@link Response#json(Object)}. The core has no JSON library
 * of its own: a module such as {@code pronto-json} provides one through {@link ServiceLoader}.
 */
public interface JsonCodec {
    /**
     * Parses JSON.
     *
     * @param json   UTF-8 bytes
     * @param offset the first byte
     * @param length the number of bytes
     * @param type   the class or generic type to read
     * @return the value
     * @throws Exception if the bytes are not valid JSON for the type
     */
    Object read(byte[] json, int offset, int length, Type type) throws Exception;

    /**
     * Serialises a value.
     *
     * @param value any value the codec can write
     * @return UTF-8 JSON
     * @throws Exception if the value cannot be written
     */
    byte[] write(Object value) throws Exception;

    /**
     * Returns the codec found on the class or module path.
     *
     * @return the codec
     * @throws IllegalStateException if none is present
     */
    static JsonCodec get() {
        JsonCodec codec = Holder.CODEC;
        if (codec == null) {
            throw new IllegalStateException(
                    "No JSON codec found: add the pronto-json module (dev.pronto:pronto-json) to the classpath");
        }
        return codec;
    }

    /**
     * Loads the codec once. Its absence is kept as {@code null} rather than thrown from the initialiser, which would
     * fail the first call with an {@code ExceptionInInitializerError} and every later one with a
     * {@code NoClassDefFoundError}.
     */
    final class Holder {
        private static final JsonCodec CODEC = ServiceLoader.load(JsonCodec.class).findFirst().orElse(null);

        private Holder() {
        }
    }
}
