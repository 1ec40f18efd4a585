package io.apigw5xx.responder.trigger;

/**
 * A CloudWatch alarm ARN, {@code arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>}. The SNS
 * notification's {@code Region} field is a display name ("US East (N. Virginia)"), so the region code the
 * responder calls AWS in comes from here.
 */
record AlarmArn(String value, String region, String account, String name) {

    static AlarmArn parse(String value, String path) {
        // Alarm names may contain ':'; the limit keeps them in the last part.
        String[] parts = value == null ? new String[0] : value.split(":", 7);
        if (parts.length != 7 || !parts[0].equals("arn") || !parts[1].startsWith("aws")
                || !parts[2].equals("cloudwatch") || !parts[5].equals("alarm") || parts[6].isBlank()) {
            throw new TriggerRefusedException(path + " " + EventFields.quote(value)
                    + " is not a CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)");
        }
        String region = AwsNames.region(parts[3], path + " region");
        String account = AwsNames.account(parts[4], path + " account");
        return new AlarmArn(value, region, account, parts[6]);
    }
}
