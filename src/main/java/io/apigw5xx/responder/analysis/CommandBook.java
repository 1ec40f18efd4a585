package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.incident.ApiType;
import java.time.Instant;

/** Builds the concrete aws-cli commands findings suggest, with this incident's ids and time range filled in. */
public final class CommandBook {

    private final ApiType apiType;
    private final String apiId;
    private final String stage;
    private final String region;
    private final String account;
    private final long startEpoch;
    private final long endEpoch;

    public CommandBook(ApiType apiType, String apiId, String stage, String region, String account, Instant from, Instant to) {
        this.apiType = apiType;
        this.apiId = apiId == null ? "<api-id>" : apiId;
        this.stage = stage;
        this.region = region;
        this.account = account == null ? "<account-id>" : account;
        this.startEpoch = from.getEpochSecond();
        this.endEpoch = to.getEpochSecond();
    }

    public String rollbackAlias(String function, String alias, String version) {
        return "aws lambda update-alias --function-name " + function + " --name " + alias + " --function-version " + version;
    }

    public String getAlias(String function, String alias) {
        return "aws lambda get-alias --function-name " + function + " --name " + alias;
    }

    public String listVersions(String function) {
        return "aws lambda list-versions-by-function --function-name " + function + " --max-items 10";
    }

    public String functionConfig(String function) {
        return "aws lambda get-function-configuration --function-name " + function
                + " --query '{Timeout:Timeout,MemorySize:MemorySize,Role:Role,Version:Version,LastModified:LastModified}'";
    }

    public String getPolicy(String function) {
        return "aws lambda get-policy --function-name " + function;
    }

    public String addInvokePermission(String function) {
        return "aws lambda add-permission --function-name " + function + " --statement-id apigateway-" + apiId
                + " --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:"
                + region + ":" + account + ":" + apiId + "/*";
    }

    public String concurrency(String function) {
        return "aws lambda get-function-concurrency --function-name " + function;
    }

    public String logsQuery(String logGroup, String filterRegex) {
        return "aws logs start-query --log-group-name '" + logGroup + "' --start-time " + startEpoch + " --end-time " + endEpoch
                + " --query-string 'fields @timestamp, @message | filter @message like /" + filterRegex
                + "/ | sort @timestamp desc | limit 50'";
    }

    public String lambdaLogs(String function, String filterRegex) {
        return logsQuery(LogSignals.LAMBDA_GROUP_PREFIX + function, filterRegex);
    }

    public String reportStats(String function) {
        return "aws logs start-query --log-group-name '/aws/lambda/" + function + "' --start-time " + startEpoch
                + " --end-time " + endEpoch + " --query-string 'filter @type = \"REPORT\" | stats max(@duration), pct(@duration, 99), count(*) by bin(1m)'";
    }

    public String executionLogs(String filterRegex) {
        return logsQuery("API-Gateway-Execution-Logs_" + apiId + "/" + stage, filterRegex);
    }

    public String getIntegration(String resourceId, String httpMethod, String integrationId) {
        if (apiType == ApiType.HTTP) {
            return "aws apigatewayv2 get-integration --api-id " + apiId + " --integration-id "
                    + (integrationId == null ? "<integration-id>" : integrationId);
        }
        return "aws apigateway get-integration --rest-api-id " + apiId + " --resource-id "
                + (resourceId == null ? "<resource-id>" : resourceId) + " --http-method " + (httpMethod == null ? "POST" : httpMethod);
    }

    public String deployments() {
        return apiType == ApiType.HTTP
                ? "aws apigatewayv2 get-deployments --api-id " + apiId
                : "aws apigateway get-deployments --rest-api-id " + apiId + " --max-items 5";
    }

    public String rollbackDeployment() {
        return apiType == ApiType.HTTP
                ? "aws apigatewayv2 update-stage --api-id " + apiId + " --stage-name " + stage + " --deployment-id <previous-deployment-id>"
                : "aws apigateway update-stage --rest-api-id " + apiId + " --stage-name " + stage
                        + " --patch-operations op=replace,path=/deploymentId,value=<previous-deployment-id>";
    }

    public String getStage() {
        return apiType == ApiType.HTTP
                ? "aws apigatewayv2 get-stage --api-id " + apiId + " --stage-name " + stage
                : "aws apigateway get-stage --rest-api-id " + apiId + " --stage-name " + stage;
    }

    public String authorizers() {
        return apiType == ApiType.HTTP
                ? "aws apigatewayv2 get-authorizers --api-id " + apiId
                : "aws apigateway get-authorizers --rest-api-id " + apiId;
    }

    public String restApiPolicy() {
        return "aws apigateway get-rest-api --rest-api-id " + apiId + " --query policy --output text";
    }

    public String roleAttachedPolicies(String role) {
        return "aws iam list-attached-role-policies --role-name " + role;
    }

    public String roleInlinePolicies(String role) {
        return "aws iam list-role-policies --role-name " + role;
    }

    public String cloudTrailEvent(String eventId) {
        return "aws cloudtrail lookup-events --region " + region
                + " --lookup-attributes AttributeKey=EventId,AttributeValue=" + eventId;
    }

    public String xrayFaults(String function) {
        return "aws xray get-trace-summaries --start-time " + startEpoch + " --end-time " + endEpoch
                + " --filter-expression 'service(\"" + function + "\") AND fault'";
    }

    public String probe(String uri) {
        return "curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' '" + uri + "'";
    }

    public String enableExecutionLogs() {
        return apiType == ApiType.HTTP
                ? "aws apigatewayv2 update-stage --api-id " + apiId + " --stage-name " + stage
                        + " --access-log-settings DestinationArn=<log-group-arn>,Format='{\"requestId\":\"$context.requestId\",\"status\":\"$context.status\",\"integrationError\":\"$context.integrationErrorMessage\"}'"
                : "aws apigateway update-stage --rest-api-id " + apiId + " --stage-name " + stage
                        + " --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR";
    }
}
