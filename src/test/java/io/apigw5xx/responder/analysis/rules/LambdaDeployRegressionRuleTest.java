package io.apigw5xx.responder.analysis.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class LambdaDeployRegressionRuleTest {

    @Test
    void fmt_germanDefaultLocale_stillUsesADecimalPoint() {
        Locale saved = Locale.getDefault();
        try {
            // a JVM started with a comma-decimal locale must not change what the report says
            Locale.setDefault(Locale.GERMANY);

            assertThat(LambdaDeployRegressionRule.fmt(2.5)).isEqualTo("2.5");
            assertThat(LambdaDeployRegressionRule.fmt(12.25)).isEqualTo("12.3");
            assertThat(LambdaDeployRegressionRule.fmt(3.0)).isEqualTo("3");
        } finally {
            Locale.setDefault(saved);
        }
    }
}
