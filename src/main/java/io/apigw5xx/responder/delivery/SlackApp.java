package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.incident.SlackThread;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Slack app (bot token) mode: messages in one configured channel, threads, and the PNG upload through Slack's
 * external-upload flow (files.getUploadURLExternal → upload URL → files.completeUploadExternal, which shares
 * the file into the thread). Every Web API error is counted ({@link EmfMetrics#slackError}) and returned
 * with Slack's code and the fix; nothing is thrown.
 */
public final class SlackApp {

    /** How one post ended: the message's own thread reference when it went out. */
    public record Posted(boolean ok, SlackThread message, String error, String detail) {}

    private final SlackWebApi api;
    private final String channel;
    private final EmfMetrics metrics;
    private final ObjectMapper json;

    /** @param channel the channel id (C…) first reports go to; the bot must be a member */
    public SlackApp(SlackWebApi api, String channel, EmfMetrics metrics, ObjectMapper json) {
        this.api = Objects.requireNonNull(api, "api");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.metrics = metrics;
        this.json = Objects.requireNonNull(json, "json");
    }

    public String channel() {
        return channel;
    }

    /**
     * chat.postMessage of a rendered payload ({@code text}, {@code blocks}, {@code attachments}): top level
     * when {@code thread} is null, else a reply in it, shown in the channel too when {@code broadcast}.
     */
    public Posted post(ObjectNode payload, SlackThread thread, boolean broadcast, Instant deadline) {
        ObjectNode body = postMessageBody(payload, channel, thread, broadcast);
        SlackWebApi.Response r = counted("chat.postMessage", api.call("chat.postMessage", body, deadline));
        if (!r.ok()) {
            return new Posted(false, null, r.error(), r.detail());
        }
        String ts = r.text("ts");
        String ch = r.text("channel");
        if (ts == null || ch == null) {
            return new Posted(false, null, "no_ts", "chat.postMessage answered ok without channel/ts");
        }
        return new Posted(true, new SlackThread(ch, ts), null, (thread == null ? "posted " : "replied ")
                + "in " + ch + " at " + ts + (r.attempts() > 1 ? " after " + r.attempts() + " attempts" : ""));
    }

    /** The chat.postMessage body for a rendered payload (also what {@code demo --out} writes as slack-app.json). */
    public static ObjectNode postMessageBody(ObjectNode payload, String channel, SlackThread thread, boolean broadcast) {
        ObjectNode body = payload.deepCopy();
        body.put("channel", thread == null ? channel : thread.channel());
        if (thread != null) {
            body.put("thread_ts", thread.ts());
            if (broadcast) {
                body.put("reply_broadcast", true);
            }
        }
        // Console links would unfurl into large previews in the incident channel.
        body.put("unfurl_links", false).put("unfurl_media", false);
        return body;
    }

    /** chat.update of the bot's own message (to add a note to the first report). */
    public SlackWebApi.Response update(SlackThread message, ObjectNode payload, Instant deadline) {
        ObjectNode body = payload.deepCopy();
        body.put("channel", message.channel()).put("ts", message.ts());
        return counted("chat.update", api.call("chat.update", body, deadline));
    }

    /** The three-step upload of a PNG, shared into {@code thread}; the answer says which step failed. */
    public SlackWebApi.Response uploadPng(SlackThread thread, byte[] png, String filename, String title, String altText,
            Instant deadline) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("filename", filename);
        form.put("length", Integer.toString(png.length));
        form.put("alt_txt", altText.length() <= 1000 ? altText : altText.substring(0, 999) + "…");
        SlackWebApi.Response url = counted("files.getUploadURLExternal", api.callForm("files.getUploadURLExternal", form, deadline));
        if (!url.ok()) {
            return url;
        }
        String uploadUrl = url.text("upload_url");
        String fileId = url.text("file_id");
        if (uploadUrl == null || fileId == null) {
            return new SlackWebApi.Response(false, "no_upload_url", null, url.attempts(),
                    "files.getUploadURLExternal answered ok without upload_url/file_id");
        }
        SlackWebApi.Response sent = api.upload(uploadUrl, png, deadline);
        if (!sent.ok()) {
            count("upload", sent.error());
            return sent;
        }
        ObjectNode complete = json.createObjectNode();
        complete.putArray("files").addObject().put("id", fileId).put("title", title);
        complete.put("channel_id", thread.channel()).put("thread_ts", thread.ts());
        return counted("files.completeUploadExternal", api.call("files.completeUploadExternal", complete, deadline));
    }

    private SlackWebApi.Response counted(String method, SlackWebApi.Response r) {
        if (!r.ok()) {
            count(method, r.error());
        }
        return r;
    }

    private void count(String method, String error) {
        if (metrics != null) {
            metrics.slackError(method, error == null ? "unknown" : error);
        }
    }
}
