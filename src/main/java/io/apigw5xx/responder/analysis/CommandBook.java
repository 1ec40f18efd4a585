package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.incident.ApiType;
import java.time.Instant;

/**
 * Builds the concrete aws-cli commands findings suggest, with this incident's ids, region and time range filled
 * in. Every regional command names {@code --region}: whoever runs it at 3 a.m. may have a profile whose default
 * region is not the API's, and a rollback must not land on a same-named function elsewhere.
 */
public final class CommandBook {

    private final ApiType apiType;
    private final String apiId;
    private final String stage;
    private final String region;
    private final String account;
    private final long startEpoch;
    private final long endEpoch;
    private final String inRegion;

    public CommandBook(ApiType apiType, String apiId, String stage, String region, String account, Instant from, Instant to) {
        this.apiType = apiType;
        this.apiId = apiId == null ? "<api-id>" : apiId;
        this.stage = stage;
        this.region = region;
        this.account = account == null ? "<account-id>" : account;
        this.startEpoch = from.getEpochSecond();
        this.endEpoch = to.getEpochSecond();
        this.inRegion = " --region " + region;
    }

    public String rollbackAlias(String function, String alias, String version) {
        return "aws lambda update-alias --function-name " + function + " --name " + alias + " --function-version " + version
                + inRegion;
    }

    public String getAlias(String function, String alias) {
        return "aws lambda get-alias --function-name " + function + " --name " + alias + inRegion;
    }

    public String listVersions(String function) {
        // The API lists oldest first; the CLI pages through all of them, so the query keeps the newest five.
        return "aws lambda list-versions-by-function --function-name " + function + inRegion
                + " --query 'Versions[-5:].[Version,LastModified,Description]' --output table";
    }

    public String functionConfig(String function) {
        return "aws lambda get-function-configuration --function-name " + function + inRegion
                + " --query '{Timeout:Timeout,MemorySize:MemorySize,Role:Role,Version:Version,LastModified:LastModified}'";
    }

    public String getPolicy(String function) {
        return "aws lambda get-policy --function-name " + function + inRegion;
    }

    public String addInvokePermission(String function) {
        return "aws lambda add-permission --function-name " + function + " --statement-id apigateway-" + apiId
                + " --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:"
                + region + ":" + account + ":" + apiId + "/*" + inRegion;
    }

    public String concurrency(String function) {
        return "aws lambda get-function-concurrency --function-name " + function + inRegion;
    }

    /**
     * The matching lines themselves (FilterLogEvents prints them; a Logs Insights start-query would only print
     * a query id). {@code pattern} is alternatives separated by {@code |}, each matched as a literal phrase.
     */
    public String logLines(String logGroup, String pattern) {
        String terms = java.util.Arrays.stream(pattern.split("\\|"))
                .map(term -> "?\"" + term.replace("\"", "") + "\"")
                .collect(java.util.stream.Collectors.joining(" "));
        return "aws logs filter-log-events --log-group-name '" + logGroup + "'" + inRegion
                + " --start-time " + startEpoch * 1000 + " --end-time " + endEpoch * 1000
                + " --filter-pattern '" + terms + "' --max-items 50 --query 'events[].[timestamp,message]' --output text";
    }

    public String lambdaLogs(String function, String pattern) {
        return logLines(LogSignals.LAMBDA_GROUP_PREFIX + function, pattern);
    }

    /** Duration per minute from the REPORT lines: a Logs Insights query, started and then read back. */
    public String reportStats(String function) {
        return "q=$(aws logs start-query --log-group-name '/aws/lambda/" + function + "'" + inRegion + " --start-time " + startEpoch
                + " --end-time " + endEpoch + " --query-string 'filter @type = \"REPORT\" | stats max(@duration), pct(@duration, 99),"
                + " count(*) by bin(1m)' --output text --query queryId) && sleep 10 && aws logs get-query-results --query-id \"$q\""
                + inRegion;
    }

    public String executionLogs(String filterRegex) {
        return logLines("API-Gateway-Execution-Logs_" + apiId + "/" + stage, filterRegex);
    }

    public String getIntegration(String resourceId, String httpMethod, String integrationId) {
        if (apiType == ApiType.HTTP) {
            return "aws apigatewayv2 get-integration --api-id " + apiId + " --integration-id "
                    + (integrationId == null ? "<integration-id>" : integrationId) + inRegion;
        }
        return "aws apigateway get-integration --rest-api-id " + apiId + " --resource-id "
                + (resourceId == null ? "<resource-id>" : resourceId) + " --http-method " + (httpMethod == null ? "POST" : httpMethod)
                + inRegion;
    }

    public String deployments() {
        return apiType == ApiType.HTTP
                ? "aws apigatewayv2 get-deployments --api-id " + apiId + inRegion
                : "aws apigateway get-deployments --rest-api-id " + apiId + inRegion
                        + " --query 'reverse(sort_by(items,&createdDate))[:5].[id,createdDate,description]' --output table";
    }

    public String rollbackDeployment() {
        return apiType == ApiType.HTTP
                ? "aws apigatewayv2 update-stage --api-id " + apiId + " --stage-name " + stage + " --deployment-id <previous-deployment-id>"
                        + inRegion
                : "aws apigateway update-stage --rest-api-id " + apiId + " --stage-name " + stage
                        + " --patch-operations op=replace,path=/deploymentId,value=<previous-deployment-id>" + inRegion;
    }

    public String getStage() {
        return apiType == ApiType.HTTP
                ? "aws apigatewayv2 get-stage --api-id " + apiId + " --stage-name " + stage + inRegion
                : "aws apigateway get-stage --rest-api-id " + apiId + " --stage-name " + stage + inRegion;
    }

    public String authorizers() {
        return apiType == ApiType.HTTP
                ? "aws apigatewayv2 get-authorizers --api-id " + apiId + inRegion
                : "aws apigateway get-authorizers --rest-api-id " + apiId + inRegion;
    }

    public String restApiPolicy() {
        return "aws apigateway get-rest-api --rest-api-id " + apiId + inRegion + " --query policy --output text";
    }

    public String roleAttachedPolicies(String role) {
        return "aws iam list-attached-role-policies --role-name " + role;
    }

    public String roleInlinePolicies(String role) {
        return "aws iam list-role-policies --role-name " + role;
    }

    /** IAM is global and CloudTrail records its events in the partition's home region, not the API's. */
    public String cloudTrailEvent(TypedChange change) {
        String trailRegion = "iam.amazonaws.com".equals(change.eventSource()) ? iamEventsRegion(region) : region;
        return "aws cloudtrail lookup-events --region " + trailRegion
                + " --lookup-attributes AttributeKey=EventId,AttributeValue=" + change.eventId();
    }

    static String iamEventsRegion(String region) {
        if (region.startsWith("cn-")) {
            return "cn-north-1";
        }
        return region.startsWith("us-gov-") ? "us-gov-west-1" : "us-east-1";
    }

    public String xrayFaults(String function) {
        return "aws xray get-trace-summaries" + inRegion + " --start-time " + startEpoch + " --end-time " + endEpoch
                + " --filter-expression 'service(\"" + function + "\") AND fault'";
    }

    public String probe(String uri) {
        return "curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' '" + uri + "'";
    }

    public String enableExecutionLogs() {
        return apiType == ApiType.HTTP
                ? "aws apigatewayv2 update-stage --api-id " + apiId + " --stage-name " + stage + inRegion
                        + " --access-log-settings DestinationArn=<log-group-arn>,Format='{\"requestId\":\"$context.requestId\",\"status\":\"$context.status\",\"integrationError\":\"$context.integrationErrorMessage\"}'"
                : "aws apigateway update-stage --rest-api-id " + apiId + " --stage-name " + stage + inRegion
                        + " --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR";
    }
}
