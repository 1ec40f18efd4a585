package io.apigw5xx.responder.trigger;

import io.apigw5xx.responder.incident.ApiRef;
import java.util.Map;

/**
 * The API an alarm's 5xx metric points at, and the metric it was read from.
 *
 * @param stage null when the metric has no Stage dimension: the alarm covers every stage
 * @param route the route dimensions of a per-method alarm ({@code Method}+{@code Resource} or {@code Route}); else empty
 */
record ApiTarget(ApiRef api, String stage, AlarmMetric metric, Map<String, String> route) {}
