package io.apigw5xx.responder.report;

import java.util.List;

/**
 * Slack mrkdwn text that AWS data cannot take over: {@code &}, {@code <} and {@code >} are escaped so
 * {@code <!channel>} or {@code <http://evil|x>} in an API name or a log line shows as typed. Lengths are
 * measured after escaping, and a cut never splits an entity or a surrogate pair.
 */
public final class Mrkdwn {

    static final String ELLIPSIS = "…";

    private Mrkdwn() {}

    public static String escape(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(raw.length() + 16);
        for (int k = 0; k < raw.length(); k++) {
            char c = raw.charAt(k);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Escaped, on one line, at most {@code max} chars (ending in … when cut). */
    static String inline(String raw, int max) {
        return cut(escape(oneLine(raw)), max);
    }

    static String oneLine(String raw) {
        return raw == null ? "" : raw.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /** Shortens already escaped text to at most {@code max} chars, marking the cut with "…". */
    static String cut(String escaped, int max) {
        if (escaped.length() <= max) {
            return escaped;
        }
        int end = Math.max(0, max - ELLIPSIS.length());
        int amp = escaped.lastIndexOf('&', end - 1);
        if (amp >= 0 && escaped.indexOf(';', amp) >= end && end - amp < 6) {
            end = amp; // don't leave half of "&amp;"
        }
        if (end > 0 && Character.isHighSurrogate(escaped.charAt(end - 1))) {
            end--;
        }
        return escaped.substring(0, end) + ELLIPSIS;
    }

    /**
     * A block of text: the title line, then as many escaped lines as fit within {@code max} chars, then
     * "…and N more" for the rest. Each line is cut to {@code maxLine} first.
     */
    static String lines(String title, List<String> raw, String bullet, int max, int maxLine) {
        StringBuilder b = new StringBuilder(title);
        int shown = 0;
        for (String line : raw) {
            String l = bullet + inline(line, maxLine);
            int remaining = raw.size() - shown - 1;
            int reserve = remaining > 0 ? moreLine(remaining).length() + 1 : 0;
            if (b.length() + 1 + l.length() + reserve > max) {
                break;
            }
            b.append('\n').append(l);
            shown++;
        }
        if (shown < raw.size()) {
            b.append('\n').append(moreLine(raw.size() - shown));
        }
        return cut(b.toString(), max);
    }

    /** Commands in a code block, as many as fit, then "…and N more commands". */
    static String code(String title, List<String> commands, int max, int maxLine) {
        String open = title + "\n```\n";
        String close = "\n```";
        StringBuilder body = new StringBuilder();
        int shown = 0;
        for (String cmd : commands) {
            // Three backticks inside a command would end the block early: show them as quotes.
            String l = cut(escape(cmd.replace("```", "'''")), maxLine);
            int remaining = commands.size() - shown - 1;
            int reserve = remaining > 0 ? moreLine(remaining).length() + " commands".length() + 1 : 0;
            int add = (body.isEmpty() ? 0 : 1) + l.length();
            if (open.length() + body.length() + add + close.length() + reserve > max) {
                break;
            }
            if (!body.isEmpty()) {
                body.append('\n');
            }
            body.append(l);
            shown++;
        }
        String more = shown < commands.size() ? "\n" + moreLine(commands.size() - shown) + " commands" : "";
        if (shown == 0) {
            return cut(title + more, max);
        }
        return open + body + close + more;
    }

    static String moreLine(int n) {
        return "…and " + n + " more";
    }
}
