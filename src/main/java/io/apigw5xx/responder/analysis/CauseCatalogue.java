package io.apigw5xx.responder.analysis;

import io.apigw5xx.responder.analysis.rules.ApiConfigChangeRule;
import io.apigw5xx.responder.analysis.rules.AuthorizerFailureRule;
import io.apigw5xx.responder.analysis.rules.DownstreamDependencyRule;
import io.apigw5xx.responder.analysis.rules.ExecutionRoleRule;
import io.apigw5xx.responder.analysis.rules.HttpBackendUnavailableRule;
import io.apigw5xx.responder.analysis.rules.IntegrationTimeoutRule;
import io.apigw5xx.responder.analysis.rules.InvokePermissionRule;
import io.apigw5xx.responder.analysis.rules.LambdaDeployRegressionRule;
import io.apigw5xx.responder.analysis.rules.LambdaTimeoutRule;
import io.apigw5xx.responder.analysis.rules.MalformedProxyResponseRule;
import io.apigw5xx.responder.analysis.rules.ResourcePolicyChangeRule;
import io.apigw5xx.responder.analysis.rules.StaticMisconfigurationRule;
import io.apigw5xx.responder.analysis.rules.ThrottlingRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every cause rule, and how their hypotheses are ranked: confidence first, then the rule's score
 * (correlated on-path change > explicit log signature > metric shape), then catalogue order. Hypotheses are
 * kept side by side, never merged.
 */
public final class CauseCatalogue {

    private final List<CauseRule> rules;

    public CauseCatalogue() {
        this(List.of(
                new LambdaDeployRegressionRule(),
                new InvokePermissionRule(),
                new ResourcePolicyChangeRule(),
                new ExecutionRoleRule(),
                new ApiConfigChangeRule(),
                new AuthorizerFailureRule(),
                new ThrottlingRule(),
                new LambdaTimeoutRule(),
                new IntegrationTimeoutRule(),
                new MalformedProxyResponseRule(),
                new HttpBackendUnavailableRule(),
                new StaticMisconfigurationRule(),
                new DownstreamDependencyRule()));
    }

    public CauseCatalogue(List<CauseRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Ranked candidates; with {@code capAtMedium} (tiny sample) no cause may claim HIGH. */
    public List<Cause> rank(AnalysisContext context, boolean capAtMedium) {
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            int order = i;
            rules.get(i).evaluate(context).ifPresent(c -> ranked.add(new Ranked(cap(c.cause(), capAtMedium), c.score(), order)));
        }
        ranked.sort(Comparator.comparing((Ranked r) -> r.cause().confidence())
                .thenComparing(Comparator.comparingInt(Ranked::score).reversed())
                .thenComparingInt(Ranked::order));
        return ranked.stream().map(Ranked::cause).toList();
    }

    private static Cause cap(Cause c, boolean capAtMedium) {
        if (!capAtMedium || c.confidence() != Confidence.HIGH) {
            return c;
        }
        return new Cause(c.kind(), c.title(), Confidence.MEDIUM, c.why(), c.evidence(), c.nextCommands());
    }

    private record Ranked(Cause cause, int score, int order) {}
}
