package io.apigw5xx.responder.trigger.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import io.apigw5xx.responder.trigger.AlarmDefinition;
import io.apigw5xx.responder.trigger.AlarmDirectory;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** DescribeAlarms through the real SDK client against moto: the composite sample's child read and investigated. */
@ExtendWith(MotoServer.Extension.class)
class CloudWatchAlarmDirectoryIT {

    private MotoAccount account;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void fresh(MotoServer moto) {
        moto.reset();
        account = new MotoAccount(moto.endpoint());
        cloudWatch = CloudWatchClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    }

    @AfterEach
    void close() {
        account.close();
        cloudWatch.close();
    }

    /**
     * Metric alarms only: moto 5.2.5 answers PutCompositeAlarm with HTTP 500 ("CloudWatchException: (Service:
     * CloudWatch, Status Code: 500)"), so a nested composite is covered by the parser tests' in-memory directory.
     */
    @Test
    void describe_metricAlarms_readInOneCallMissingNamesLeftOut() {
        account.putMetricAlarm("orders-api-prod-5xx", "AWS/ApiGateway", "5XXError", Map.of("ApiName", "orders-api", "Stage", "prod"), 5);
        account.putMetricAlarm("orders-handler-errors", "AWS/Lambda", "Errors", Map.of("FunctionName", "orders-handler"), 1);

        List<AlarmDefinition> found = new CloudWatchAlarmDirectory(() -> cloudWatch, "us-east-1")
                .describe(List.of("orders-api-prod-5xx", "orders-handler-errors", "no-such-alarm"));

        assertThat(found).extracting(AlarmDefinition::name).containsExactlyInAnyOrder("orders-api-prod-5xx", "orders-handler-errors");
        assertThat(found).noneMatch(AlarmDefinition::composite);
        AlarmDefinition child = found.stream().filter(d -> d.name().equals("orders-api-prod-5xx")).findFirst().orElseThrow();
        assertThat(child.namespace()).isEqualTo("AWS/ApiGateway");
        assertThat(child.metricName()).isEqualTo("5XXError");
        assertThat(child.dimensions()).isEqualTo(Map.of("ApiName", "orders-api", "Stage", "prod"));
        assertThat(child.statistic()).isEqualTo("Sum");
        assertThat(child.threshold()).isEqualTo(5.0);
    }

    @Test
    void parse_compositeSample_investigatesTheChildReadFromCloudWatch() throws Exception {
        account.putMetricAlarm("orders-api-prod-5xx", "AWS/ApiGateway", "5XXError", Map.of("ApiName", "orders-api", "Stage", "prod"), 5);
        TriggerParser parser = new TriggerParser("us-east-1", new CloudWatchAlarmDirectory(() -> cloudWatch, "us-east-1"));

        TriggerOutcome outcome = parser.parse(Files.readString(Path.of("events", "eventbridge-alarm-composite.json")));

        assertThat(outcome).isInstanceOf(TriggerOutcome.Investigate.class);
        Incident incident = ((TriggerOutcome.Investigate) outcome).incident();
        assertThat(incident.apiStageLabel()).isEqualTo("orders-api/prod");
        assertThat(incident.alarm().name()).isEqualTo("orders-api-prod-health");
        assertThat(incident.alarm().threshold()).isEqualTo(5.0);
    }

    @Test
    void describe_unreachableEndpoint_unavailableWithAOneLineReason() {
        CloudWatchClient nowhere = CloudWatchClient.builder().endpointOverride(java.net.URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
        try (nowhere) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CloudWatchAlarmDirectory(() -> nowhere, "us-east-1")
                    .describe(List.of("x"))).isInstanceOf(AlarmDirectory.Unavailable.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n"));
        }
    }
}
