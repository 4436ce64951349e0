/**
 * Single flight: concurrent cache misses on one key share one invocation of the cached method.
 *
 * <p>Scope is one JVM. Across JVMs (Tiffin over Redis) a distributed lock per key is planned; until
 * then each JVM runs the method at most once at a time per key.
 */
package dev.tiffin.cdi.flight;
