/**
 * The data path, where parser, router, response encoder and transport meet: read, parse every complete request in
 * the buffer, dispatch, encode into the loop's write batch, then one write. Also the per-connection pipeline queue,
 * backpressure, the keep-alive reaper and graceful shutdown.
 */
package dev.pronto.http1;
