/**
 * The application side, protocol-neutral: the route table, the handler adapters (inline on the loop, a virtual
 * thread, a stage), filters, error handlers and the dressing of the engine's refusals. A connection hands it an
 * {@link dev.pronto.app.Exchange} and gets back a sealed {@link dev.pronto.app.Outcome}: respond now, respond later,
 * or upgrade. Knows the public API, the router and the codecs; no parser offsets, no connection, no transport.
 */
package dev.pronto.app;
