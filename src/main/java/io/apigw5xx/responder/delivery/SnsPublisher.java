package io.apigw5xx.responder.delivery;

import io.apigw5xx.responder.report.SnsMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes rendered reports to the findings topic. SDK errors propagate; {@link ChannelDelivery} contains them. */
public final class SnsPublisher {

    private final SnsClient sns;
    private final String topicArn;

    public SnsPublisher(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    /** Returns the SNS MessageId. */
    public String publish(SnsMessage message) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        message.attributes().forEach((k, v) -> attributes.put(k,
                MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        return sns.publish(r -> r.topicArn(topicArn)
                .subject(message.subject())
                .message(message.body())
                .messageAttributes(attributes)).messageId();
    }

    public String topicArn() {
        return topicArn;
    }
}
