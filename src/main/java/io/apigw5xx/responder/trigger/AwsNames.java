package io.apigw5xx.responder.trigger;

import java.util.regex.Pattern;

/**
 * Checks on the AWS identifiers a trigger hands over. They end up in API calls, console links and reports,
 * so a value that cannot be real is refused here rather than sent onwards.
 */
final class AwsNames {

    /** us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, ap-southeast-5 ... */
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** API Gateway ids are 10 lower-case letters/digits; allow a little more so odd partitions still pass. */
    private static final Pattern API_ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    /** Stage names are letters, digits, '-' and '_'; HTTP APIs also have the stage {@code $default}. */
    private static final Pattern STAGE = Pattern.compile("\\$default|[A-Za-z0-9_-]{1,128}");
    private static final int MAX_API_NAME = 1024;
    private static final int MAX_ROUTE = 1024;

    private AwsNames() {}

    static String region(String value, String path) {
        if (value == null || !REGION.matcher(value).matches()) {
            throw new TriggerRefusedException(path + " " + EventFields.quote(value) + " is not an AWS region code such as us-east-1");
        }
        return value;
    }

    /** An account id, or null when the trigger did not give one. */
    static String account(String value, String path) {
        if (value != null && !ACCOUNT.matcher(value).matches()) {
            throw new TriggerRefusedException(path + " " + EventFields.quote(value) + " is not a 12-digit AWS account id");
        }
        return value;
    }

    static String apiId(String value, String path) {
        if (value == null || !API_ID.matcher(value).matches()) {
            throw new TriggerRefusedException(path + " " + EventFields.quote(value) + " is not an API Gateway API id");
        }
        return value;
    }

    static String apiName(String value, String path) {
        if (value == null || value.isBlank()) {
            throw new TriggerRefusedException(path + " is blank");
        }
        if (value.length() > MAX_API_NAME || value.chars().anyMatch(Character::isISOControl)) {
            throw new TriggerRefusedException(path + " " + EventFields.quote(value) + " is not an API name");
        }
        return value;
    }

    /** A per-method metric's Method ("GET"), Resource ("/orders/{id}") or HTTP API Route ("GET /orders/{id}"). */
    static String routePart(String value, String path) {
        if (value == null || value.isBlank() || value.length() > MAX_ROUTE
                || value.chars().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c))) {
            throw new TriggerRefusedException(path + " " + EventFields.quote(value) + " is not a method, resource path or route");
        }
        return value;
    }

    static String stage(String value, String path) {
        if (value == null || !STAGE.matcher(value).matches()) {
            throw new TriggerRefusedException(path + " " + EventFields.quote(value)
                    + " is not a stage name (letters, digits, '-', '_', or $default)");
        }
        return value;
    }
}
