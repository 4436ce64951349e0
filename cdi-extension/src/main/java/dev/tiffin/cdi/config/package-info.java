/** Per-cache settings of the CDI extension and where they are looked up. */
package dev.tiffin.cdi.config;
