package io.apigw5xx.responder.delivery;

import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The incident's graph as a PNG: CloudWatch GetMetricWidgetImage for a widget from
 * {@link io.apigw5xx.responder.report.GraphWidget}. The SDK decodes the base64 blob, so the bytes are the PNG.
 * SDK errors propagate; {@link ChannelDelivery} turns them into a note on the Slack message.
 */
public final class MetricGraph {

    private final CloudWatchClient cloudWatch;

    public MetricGraph(CloudWatchClient cloudWatch) {
        this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
    }

    public byte[] png(String widgetJson) {
        return cloudWatch.getMetricWidgetImage(r -> r.metricWidget(widgetJson).outputFormat("png"))
                .metricWidgetImage().asByteArray();
    }
}
