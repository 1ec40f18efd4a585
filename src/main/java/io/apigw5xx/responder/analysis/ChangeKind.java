package io.apigw5xx.responder.analysis;

/** What a CloudTrail write did to the serving path, as {@link ChangeInterpreter} reads it. */
public enum ChangeKind {
    LAMBDA_CODE,
    LAMBDA_CONFIG,
    LAMBDA_VERSION_PUBLISHED,
    LAMBDA_ALIAS,
    LAMBDA_PERMISSION_ADDED,
    LAMBDA_PERMISSION_REMOVED,
    LAMBDA_CONCURRENCY,
    LAMBDA_DELETED,
    API_INTEGRATION,
    API_DEPLOYMENT,
    API_STAGE,
    API_AUTHORIZER,
    API_ROUTE_OR_METHOD,
    API_RESOURCE_POLICY,
    API_OTHER,
    IAM_ROLE,
    WAF,
    /** Tags and descriptions: on the path, but nothing a request goes through changed. */
    METADATA,
    OTHER;

    public boolean isLambdaDeploy() {
        return this == LAMBDA_CODE || this == LAMBDA_CONFIG || this == LAMBDA_VERSION_PUBLISHED || this == LAMBDA_ALIAS;
    }

    public boolean isApiConfig() {
        return this == API_INTEGRATION || this == API_DEPLOYMENT || this == API_STAGE || this == API_ROUTE_OR_METHOD
                || this == API_OTHER;
    }
}
