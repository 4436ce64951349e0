package dev.tiffin.examples.spring;

import java.io.Serializable;

/** The application's value: what {@link ForecastService} computes and the "forecasts" cache keeps. */
public record Forecast(String city, int celsius, String sky) implements Serializable {
}
