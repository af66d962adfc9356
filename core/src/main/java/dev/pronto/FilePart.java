package dev.pronto;

import dev.pronto.engine.Engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file uploaded in a {@code multipart/form-data} body (RFC 7578): a part whose {@code Content-Disposition} has a
 * {@code filename}. The byte array is the part's own copy, handed out without another copy: do not modify it.
 *
 * @param field       the form field's name, the {@code name} parameter of the part
 * @param filename    the file's name as the client sent it (possibly empty, possibly with a path: never use it as a
 *                    path without sanitizing it)
 * @param contentType the part's {@code Content-Type} as sent, {@code application/octet-stream} when it had none
 * @param bytes       the file's content
 */
public record FilePart(String field, String filename, String contentType, byte[] bytes) {
    /**
     * Creates a file part.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public FilePart {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** @return the content's length in bytes */
    public int size() {
        return bytes.length;
    }

    /** @return the content decoded with the charset of {@link #contentType()}, UTF-8 when it names none it knows */
    public String text() {
        return new String(bytes, Engine.charsetOf(contentType));
    }

    /** Equal when every component is, the bytes compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FilePart p && field.equals(p.field) && filename.equals(p.filename)
                && contentType.equals(p.contentType) && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, filename, contentType, Arrays.hashCode(bytes));
    }

    /** Names the part and its size, not its content. */
    @Override
    public String toString() {
        return "FilePart[field=" + field + ", filename=" + filename + ", contentType=" + contentType + ", size="
                + bytes.length + "]";
    }
}
