/**
 * JSON for Pronto, backed by Jackson. {@link dev.pronto.json.JacksonCodec} is found by the core through
 * {@link java.util.ServiceLoader} (module {@code provides} and {@code META-INF/services}), so adding this module is
 * all {@code Request.json} and {@code Response.json} need; {@link dev.pronto.json.Json} adds typed reads and the
 * shared {@code ObjectMapper}.
 */
package dev.pronto.json;
