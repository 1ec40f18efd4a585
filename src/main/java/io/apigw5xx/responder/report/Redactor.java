package io.apigw5xx.responder.report;

import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.evidence.Gap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes credentials from text taken from AWS (log lines above all) before a report leaves the account.
 * Redaction runs on whole strings, before any truncation, so a cut can never leave half a secret that the
 * patterns no longer recognise. Idempotent: redacting twice changes nothing more.
 */
public final class Redactor {

    static final String MARK = "[REDACTED]";

    private record Rule(Pattern pattern, String replacement) {}

    // Order matters: header- and URL-shaped secrets first, so the narrower rules do not split them.
    private static final List<Rule> RULES = List.of(
            // Slack incoming webhooks, workflow and trigger URLs: the URL is the credential.
            rule("https?://hooks\\.slack(?:-gov)?\\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_\\-]+",
                    "https://hooks.slack.com/" + MARK),
            // Authorization / Proxy-Authorization header values, in header, JSON or key=value form.
            rule("(?i)((?:proxy-)?authorization\"?\\s*+[:=]\\s*+\"?+)(?!\\[REDACTED)[^\"\\r\\n,}]+", "$1" + MARK),
            // Bearer tokens anywhere (e.g. curl lines, exception messages).
            rule("(?i)\\b(bearer\\s++)(?!\\[REDACTED)[A-Za-z0-9\\-._~+/]+=*", "$1" + MARK),
            // user:password@host in any URL scheme (postgres://, https://, redis://, ...).
            rule("(?i)\\b([a-z][a-z0-9+.\\-]*://[^/\\s:@\"']+:)(?!\\[REDACTED)[^@\\s/\"']+(@)", "$1" + MARK + "$2"),
            // JSON Web Tokens.
            rule("\\beyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]*", MARK),
            // Slack API tokens.
            rule("\\bxox[abposr]-[A-Za-z0-9\\-]{8,}", MARK),
            // AWS access key ids (long-term AKIA, temporary ASIA and the other unique-id prefixes used as keys).
            rule("\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b", "[REDACTED-AWS-KEY-ID]"),
            // key=value / "key": "value" pairs whose name says secret.
            rule("(?i)\\b((?:aws_?)?(?:secret(?:[_-]?access)?[_-]?key|secret|password|passwd|pwd|api[_-]?key|access[_-]?token"
                    + "|refresh[_-]?token|auth[_-]?token|session[_-]?token|token|client[_-]?secret|private[_-]?key)\"?\\s*+[:=]\\s*+\"?+)"
                    + "(?!\\[REDACTED)[^\\s\"',;&}]+", "$1" + MARK),
            // A bare 40-character AWS secret access key: base64 alphabet, mixed case and a digit, not hex.
            rule("(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[0-9])"
                    + "[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", MARK));

    /**
     * Longest text kept per field. Regex scanning costs ~50 ms per 100,000 characters for all rules, and
     * no report shows more than a few thousand characters of one field, so longer text is cut first — at
     * whitespace, so the cut never leaves a fragment of a token that the rules would no longer recognise.
     */
    static final int MAX_TEXT = 4_000;

    private Redactor() {}

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex), replacement);
    }

    /** The text with every recognised secret replaced by {@code [REDACTED]}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = cap(text);
        for (Rule r : RULES) {
            out = r.pattern().matcher(out).replaceAll(r.replacement());
        }
        return out;
    }

    static String cap(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int end = MAX_TEXT;
        int space = -1;
        for (int k = end - 1; k >= end - 200; k--) {
            if (Character.isWhitespace(text.charAt(k))) {
                space = k;
                break;
            }
        }
        // No whitespace near the cut: the tail may be part of one long token (a key, a blob). Drop the
        // whole last 200 characters rather than keep a fragment the rules cannot recognise.
        end = space >= 0 ? space : end - 200;
        return text.substring(0, end) + " …[" + (text.length() - end) + " characters cut]";
    }

    /** A copy of the findings with every free-text part redacted: what renderers and the ledger work from. */
    public static Findings redact(Findings f) {
        List<Cause> causes = f.causes().stream().map(Redactor::redact).toList();
        List<Gap> gaps = f.gaps().stream().map(g -> new Gap(g.source(), g.reason(), redact(g.detail()))).toList();
        return new Findings(f.incident(), f.window(), f.onset(), f.severity(), f.errorRatePercent(), f.errors(),
                f.requests(), f.statusMix(), f.pattern(), causes, redactAll(f.checkedClean()), gaps,
                redactAll(f.notes()), f.generatedAt(), f.awsCalls());
    }

    private static Cause redact(Cause c) {
        List<EvidenceItem> items = c.evidence().stream()
                .map(e -> new EvidenceItem(e.time(), redact(e.summary()), redact(e.actor()), redact(e.resource()),
                        redact(e.reference()), e.origin()))
                .toList();
        return new Cause(c.kind(), redact(c.title()), c.confidence(), redact(c.why()), items,
                redactAll(c.nextCommands()));
    }

    private static List<String> redactAll(List<String> lines) {
        return lines.stream().map(Redactor::redact).toList();
    }
}
