/**
 * Loop services shared by every protocol on an event loop: the clock read once per iteration, the reaper's
 * deadline-ordered connection lists, the connection counts. Nothing here knows HTTP; the transport drives the loop
 * and a protocol's {@code LoopHandler} calls into these.
 */
package dev.pronto.loop;
