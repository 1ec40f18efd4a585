package io.apigw5xx.responder.trigger;

import io.apigw5xx.responder.incident.ApiRef;

/** The API and stage an alarm's 5xx metric points at, and the metric it was read from. */
record ApiTarget(ApiRef api, String stage, AlarmMetric metric) {}
