package io.apigw5xx.responder.delivery;

import io.apigw5xx.responder.AwsQueryCall;
import io.apigw5xx.responder.report.SnsMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Publishes rendered reports to the findings topic: SNS Publish as one signed Query-protocol call ({@link AwsQueryCall};
 * the SNS SDK module would cost 1.0 MB of jar for this one operation). Errors propagate as the SDK's exceptions;
 * {@link ChannelDelivery} contains them.
 */
public final class SnsPublisher {

    /** SNS's API version for the Query protocol. */
    public static final String API_VERSION = "2010-03-31";

    private final AwsQueryCall sns;
    private final String topicArn;

    /** {@code sns}: a Query call to the topic's regional SNS endpoint ({@code SignedAwsCall.regional(..., "sns", ...)}). */
    public SnsPublisher(AwsQueryCall sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    /** Returns the SNS MessageId. */
    public String publish(SnsMessage message) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("TopicArn", topicArn);
        if (message.subject() != null) {
            parameters.put("Subject", message.subject());
        }
        parameters.put("Message", message.body());
        int n = 0;
        for (Map.Entry<String, String> attribute : message.attributes().entrySet()) {
            String entry = "MessageAttributes.entry." + ++n;
            parameters.put(entry + ".Name", attribute.getKey());
            parameters.put(entry + ".Value.DataType", "String");
            parameters.put(entry + ".Value.StringValue", attribute.getValue());
        }
        String id = AwsQueryCall.text(sns.call("Publish", parameters), "MessageId");
        if (id == null || id.isEmpty()) {
            throw SdkClientException.create("SNS Publish to " + topicArn + " answered without a MessageId");
        }
        return id;
    }

    public String topicArn() {
        return topicArn;
    }
}
