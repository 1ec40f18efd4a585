package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.incident.ApiType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandBookTest {

    private static final Instant FROM = Instant.parse("2026-03-14T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-14T10:00:00Z");
    private final CommandBook book = new CommandBook(ApiType.REST, "a1b2c3d4e5", "prod", "eu-west-1", "123456789012", FROM, TO);

    @Test
    void regionalCommands_allNameTheApisRegion() {
        List<String> commands = List.of(book.rollbackAlias("orders", "live", "41"), book.getAlias("orders", "live"),
                book.listVersions("orders"), book.functionConfig("orders"), book.getPolicy("orders"),
                book.addInvokePermission("orders"), book.concurrency("orders"), book.lambdaLogs("orders", "ERROR"),
                book.reportStats("orders"), book.executionLogs("Execution failed"), book.getIntegration("r1", "POST", null),
                book.deployments(), book.rollbackDeployment(), book.getStage(), book.authorizers(), book.restApiPolicy(),
                book.xrayFaults("orders"), book.enableExecutionLogs());

        assertThat(commands).allSatisfy(command -> assertThat(command).contains("--region eu-west-1"));
    }

    @Test
    void cloudTrailEvent_iamChange_isLookedUpWhereIamEventsAreRecorded() {
        assertThat(book.cloudTrailEvent(change("iam.amazonaws.com"))).contains("--region us-east-1").contains("AttributeValue=ev-1");
        assertThat(book.cloudTrailEvent(change("lambda.amazonaws.com"))).contains("--region eu-west-1");
        assertThat(CommandBook.iamEventsRegion("cn-northwest-1")).isEqualTo("cn-north-1");
        assertThat(CommandBook.iamEventsRegion("us-gov-east-1")).isEqualTo("us-gov-west-1");
    }

    @Test
    void lambdaLogs_printTheLinesThemselvesForTheIncidentWindow() {
        String command = book.lambdaLogs("orders", "ERROR|Exception|Task timed out");

        assertThat(command).startsWith("aws logs filter-log-events --log-group-name '/aws/lambda/orders'")
                .contains("--start-time " + FROM.toEpochMilli()).contains("--end-time " + TO.toEpochMilli())
                .contains("--filter-pattern '?\"ERROR\" ?\"Exception\" ?\"Task timed out\"'");
    }

    @Test
    void listVersions_showsTheNewestVersions() {
        assertThat(book.listVersions("orders")).contains("Versions[-5:]").doesNotContain("--max-items");
    }

    private static TypedChange change(String source) {
        return new TypedChange("ev-1", FROM, "PutRolePolicy", source, null, "jane", false, null, null, null, null, null, null, null,
                null, List.of(), null, null, null, null, null, null, null);
    }
}
