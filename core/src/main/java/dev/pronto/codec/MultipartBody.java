package dev.pronto.codec;

import dev.pronto.FilePart;
import dev.pronto.Params;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code multipart/form-data} body.
 *
 * @param fields the parts without a {@code filename}, as text, in order
 * @param files  the parts with a {@code filename}, in order
 */
public record MultipartBody(Params fields, List<FilePart> files) {
    /**
     * Creates a body.
     *
     * @throws NullPointerException if a component or a file is {@code null}
     */
    public MultipartBody {
        Objects.requireNonNull(fields, "fields");
        files = List.copyOf(files);
    }
}
