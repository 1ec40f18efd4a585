package io.apigw5xx.responder.trigger;

import java.util.Map;

/**
 * One metric an alarm watches, as the trigger described it (SNS: {@code Trigger} or {@code Trigger.Metrics[]};
 * EventBridge and alarm actions: {@code configuration.metrics[].metricStat}).
 *
 * @param namespace  may be null when the trigger left it out
 * @param name       may be null when the trigger left it out
 * @param dimensions name → value, in the order given
 * @param statistic  as CloudWatch's API spells it ({@code Sum}, {@code p99}); null when not given
 */
record AlarmMetric(String namespace, String name, Map<String, String> dimensions, String statistic, Integer periodSeconds) {

    AlarmMetric {
        dimensions = Map.copyOf(dimensions);
    }

    String label() {
        return (namespace == null ? "?" : namespace) + " " + (name == null ? "?" : name);
    }
}
