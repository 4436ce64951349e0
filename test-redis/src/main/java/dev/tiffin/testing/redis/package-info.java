/**
 * Starts real Redis processes for tests: a standalone {@link dev.tiffin.testing.redis.RedisServer},
 * a {@link dev.tiffin.testing.redis.RedisCluster} and a
 * {@link dev.tiffin.testing.redis.RedisSentinelSetup}, each on free 127.0.0.1 ports with its files
 * in a folder the test chooses.
 *
 * <p>Needs {@code redis-server} and {@code redis-cli} on {@code PATH}; every process started here
 * is stopped by {@code close()} and, as a last resort, by a JVM shutdown hook.
 */
package dev.tiffin.testing.redis;
