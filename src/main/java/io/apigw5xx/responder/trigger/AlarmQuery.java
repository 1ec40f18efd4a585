package io.apigw5xx.responder.trigger;

/**
 * One entry of a metric-math or anomaly alarm's metric list (SNS {@code Trigger.Metrics[]}, EventBridge and alarm
 * action {@code configuration.metrics[]}, DescribeAlarms {@code Metrics[]}): either a metric or an expression.
 *
 * @param id         may be null when the trigger left it out
 * @param expression null for a metric entry
 * @param returnData null when not given
 * @param metric     null for an expression entry
 */
record AlarmQuery(String id, String expression, Boolean returnData, AlarmMetric metric) {}
