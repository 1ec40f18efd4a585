package io.apigw5xx.responder.trigger.aws;

import io.apigw5xx.responder.trigger.AlarmDefinition;
import io.apigw5xx.responder.trigger.AlarmDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * DescribeAlarms for a composite alarm's children: one call for up to 100 names, metric and composite alarms
 * both. The client is taken when first needed (the Lambda builds its clients in the background).
 */
public final class CloudWatchAlarmDirectory implements AlarmDirectory {

    /** The alarm arrived seconds ago and the investigation still has to run: a slow answer is no answer. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_NAMES = 100;

    private final Supplier<CloudWatchClient> cloudWatch;
    private final String region;

    public CloudWatchAlarmDirectory(Supplier<CloudWatchClient> cloudWatch, String region) {
        this.cloudWatch = cloudWatch;
        this.region = region;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public List<AlarmDefinition> describe(List<String> alarmNames) {
        if (alarmNames.isEmpty()) {
            return List.of();
        }
        List<String> names = alarmNames.stream().limit(MAX_NAMES).toList();
        DescribeAlarmsResponse response;
        try {
            response = cloudWatch.get().describeAlarms(r -> r.alarmNames(names)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).maxRecords(MAX_NAMES)
                    .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT)));
        } catch (SdkException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new Unavailable(message.lines().findFirst().orElse("").strip());
        }
        List<AlarmDefinition> found = new ArrayList<>();
        response.metricAlarms().forEach(a -> found.add(metricAlarm(a)));
        response.compositeAlarms().forEach(a -> found.add(compositeAlarm(a)));
        return found;
    }

    private static AlarmDefinition metricAlarm(MetricAlarm a) {
        List<AlarmDefinition.Query> queries = a.metrics().stream().map(CloudWatchAlarmDirectory::query).toList();
        String statistic = a.statistic() != null ? a.statisticAsString() : a.extendedStatistic();
        return new AlarmDefinition(a.alarmName(), a.alarmArn(), a.namespace(), a.metricName(), dimensions(a.dimensions()),
                statistic, a.period(), a.evaluationPeriods(), a.threshold(), a.comparisonOperatorAsString(),
                a.thresholdMetricId(), queries, null, a.stateReasonData());
    }

    private static AlarmDefinition compositeAlarm(CompositeAlarm a) {
        return new AlarmDefinition(a.alarmName(), a.alarmArn(), null, null, Map.of(), null, null, null, null, null, null,
                List.of(), a.alarmRule() == null ? "" : a.alarmRule(), a.stateReasonData());
    }

    private static AlarmDefinition.Query query(MetricDataQuery q) {
        if (q.metricStat() == null) {
            return new AlarmDefinition.Query(q.id(), q.expression(), q.returnData(), null, null, Map.of(), null, q.period());
        }
        var metric = q.metricStat().metric();
        return new AlarmDefinition.Query(q.id(), q.expression(), q.returnData(), metric.namespace(), metric.metricName(),
                dimensions(metric.dimensions()), q.metricStat().stat(), q.metricStat().period());
    }

    private static Map<String, String> dimensions(List<Dimension> dimensions) {
        Map<String, String> out = new LinkedHashMap<>();
        dimensions.forEach(d -> out.putIfAbsent(d.name(), d.value()));
        return out;
    }
}
