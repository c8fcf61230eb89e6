package org.humanchat.channel.tests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A form-encoded SMS webhook as a Twilio-style provider sends it to the example SMS connector: the body, and the
 * {@code X-Twilio-Signature} (Base64 of HMAC-SHA1 over the URL followed by each field's name and value, sorted by
 * name) made with the account's auth token.
 */
record SmsForm(String body, String signature) {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    static SmsForm signed(String url, Map<String, String> fields, String authToken) throws Exception {
        StringBuilder signed = new StringBuilder(url);
        StringJoiner body = new StringJoiner("&");
        new TreeMap<>(fields).forEach((name, value) -> {
            signed.append(name).append(value);
            body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return new SmsForm(body.toString(), Base64.getEncoder().encodeToString(mac.doFinal(signed.toString()
                .getBytes(StandardCharsets.UTF_8))));
    }
}
