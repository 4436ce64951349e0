/**
 * Single flight: concurrent cache misses on one key share one invocation of the cached method.
 *
 * <p>{@link dev.tiffin.cdi.flight.SingleFlight} elects one leader per key within the JVM; over Tiffin,
 * {@link dev.tiffin.cdi.flight.CrossJvmGate} then makes the leaders of the JVMs sharing a store take
 * turns through a lock kept in that store. With another provider single flight is per JVM.
 */
package dev.tiffin.cdi.flight;
