/**
 * Thin Jakarta interceptors for the four JSR-107 annotations; all logic lives in
 * {@code dev.tiffin.cdi.annotation}.
 */
package dev.tiffin.cdi.interceptor;
