package io.apigw5xx.responder.evidence;

import java.time.Instant;

/** One GetMetricData datapoint: Timestamps[i] paired with Values[i]. */
public record MetricPoint(Instant timestamp, double value) {}
