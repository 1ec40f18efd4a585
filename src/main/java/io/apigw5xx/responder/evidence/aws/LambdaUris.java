package io.apigw5xx.responder.evidence.aws;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Lambda function (and alias or version) out of an integration or authorizer URI, after putting
 * in the stage's variables. Handles the REST form
 * {@code arn:aws:apigateway:r:lambda:path/2015-03-31/functions/arn:aws:lambda:r:acct:function:NAME[:QUALIFIER]/invocations}
 * and the HTTP API form, which is the function ARN itself.
 */
final class LambdaUris {

    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_.-]+)}");
    private static final Pattern FUNCTION = Pattern.compile(":function:([^:/]+)(?::([^:/]+))?");

    private LambdaUris() {}

    /** A function the URI names; {@code unresolvedVariable} is set when a stage variable it uses is not defined. */
    record Target(String function, String qualifier, String unresolvedVariable) {}

    static Target parse(String uri, Map<String, String> stageVariables) {
        if (uri == null || !uri.contains(":function:")) {
            return null;
        }
        StringBuilder resolved = new StringBuilder();
        Matcher variables = STAGE_VARIABLE.matcher(uri);
        String missing = null;
        while (variables.find()) {
            String value = stageVariables.get(variables.group(1));
            if (value == null) {
                missing = missing == null ? variables.group(1) : missing;
                value = variables.group();
            }
            variables.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        variables.appendTail(resolved);
        Matcher function = FUNCTION.matcher(resolved);
        if (!function.find()) {
            return null;
        }
        return new Target(function.group(1), function.group(2), missing);
    }
}
