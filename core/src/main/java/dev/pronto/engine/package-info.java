/**
 * Where the engine is put together and started: the app side, the HTTP/1 connections and the transport. Its one class, {@link dev.pronto.engine.Engine}, is the only internal type the public API
 * names; nothing internal imports this package.
 */
package dev.pronto.engine;
