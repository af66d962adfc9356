/**
 * JMH benchmarks of the data path, stage by stage (parser, router, encoder) and whole (in-memory exchange), each
 * next to its peer baseline where one exists. They run on the class path, so they reach the public classes of
 * core's internal packages; nothing here ships.
 */
package dev.pronto.benchmarks;
