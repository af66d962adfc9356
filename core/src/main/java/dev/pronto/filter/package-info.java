/**
 * Filters a service needs, each one small class written against the public API only (no engine internals), installed
 * app-wide or on a route group with {@link dev.pronto.Routes#install}: {@link dev.pronto.filter.Cors} (the Fetch
 * standard's CORS protocol, preflights included), {@link dev.pronto.filter.RequestId} (an id per request, accepted or
 * generated, on the response) and {@link dev.pronto.filter.SecurityHeaders} (safe defaults a handler may override).
 */
package dev.pronto.filter;
