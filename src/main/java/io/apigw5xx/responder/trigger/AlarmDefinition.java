package io.apigw5xx.responder.trigger;

import java.util.List;
import java.util.Map;

/**
 * An alarm as DescribeAlarms returns it (MetricAlarms or CompositeAlarms), in plain types so the trigger package
 * needs no SDK. A metric alarm has {@code metricName} or {@code metrics}; a composite alarm has {@code alarmRule}
 * and names its triggering children in {@code stateReasonData}.
 *
 * @param statistic       {@code Statistic} ({@code Sum}) or {@code ExtendedStatistic} ({@code p99}); null for math
 * @param stateReasonData the alarm's StateReasonData JSON verbatim; null when absent
 */
public record AlarmDefinition(
        String name,
        String arn,
        String namespace,
        String metricName,
        Map<String, String> dimensions,
        String statistic,
        Integer periodSeconds,
        Integer evaluationPeriods,
        Double threshold,
        String comparisonOperator,
        String thresholdMetricId,
        List<Query> metrics,
        String alarmRule,
        String stateReasonData) {

    public AlarmDefinition {
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** One of a math alarm's {@code Metrics[]}: an expression, or a metric with its statistic. */
    public record Query(String id, String expression, Boolean returnData, String namespace, String metricName,
            Map<String, String> dimensions, String stat, Integer periodSeconds) {

        public Query {
            dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        }
    }

    public AlarmDefinition withNamespace(String otherNamespace) {
        return new AlarmDefinition(name, arn, otherNamespace, metricName, dimensions, statistic, periodSeconds, evaluationPeriods,
                threshold, comparisonOperator, thresholdMetricId, metrics, alarmRule, stateReasonData);
    }

    public boolean composite() {
        return alarmRule != null;
    }
}
