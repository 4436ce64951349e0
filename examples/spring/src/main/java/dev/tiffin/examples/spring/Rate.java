package dev.tiffin.examples.spring;

import java.io.Serializable;
import java.math.BigDecimal;

/** The application's value: what {@link ExchangeRates} looks up and the "rates" cache keeps. */
public record Rate(String currency, BigDecimal perEuro) implements Serializable {
}
