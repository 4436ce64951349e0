package dev.tiffin.api;

/**
 * What a store holds under one key, read without decoding the value (no class is loaded, no code runs).
 *
 * @param type the value's class as written, e.g. {@code java.lang.String} or {@code com.shop.Order}
 * @param bytes the stored size
 * @param trust {@code text} (a plain String), {@code plain} (a number, boolean or bytes),
 *     {@code signed} (the tag verifies), {@code bad signature}, or {@code unsigned}
 */
public record StoredValue(String type, int bytes, String trust) {
}
