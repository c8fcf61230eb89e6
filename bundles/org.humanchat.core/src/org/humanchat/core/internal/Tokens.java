package org.humanchat.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secrets handed to people once and kept only as SHA-256 hashes: session tokens ({@code hcs_} and 256 random bits),
 * API tokens ({@code hc_} and 256 random bits; earlier ones had 192) and set-password codes (20 letters and digits
 * in groups of four, read out to a colleague).
 */
final class Tokens {

    static final String SESSION_PREFIX = "hcs_";
    static final String API_PREFIX = "hc_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Crockford's base 32: no I, L, O or U to misread. */
    private static final String CODE_LETTERS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Tokens() {
    }

    static String session() {
        return SESSION_PREFIX + random256();
    }

    static String api() {
        return API_PREFIX + random256();
    }

    private static String random256() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** 100 random bits as {@code XXXX-XXXX-XXXX-XXXX-XXXX}. */
    static String code() {
        StringBuilder code = new StringBuilder(24);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_LETTERS.charAt(RANDOM.nextInt(CODE_LETTERS.length())));
        }
        return code.toString();
    }

    /** A code as typed: upper case, without spaces or dashes, with O read as 0 and I or L as 1. */
    static String normalizedCode(String typed) {
        return typed == null ? ""
                : typed.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "").replace('O', '0').replace('I', '1')
                        .replace('L', '1');
    }

    /** Whether a string can be a token at all (before any lookup). */
    static boolean plausible(String token) {
        return token != null && token.length() <= 100
                && (token.startsWith(SESSION_PREFIX) || token.startsWith(API_PREFIX));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Compares two hashes in constant time. */
    static boolean same(String hashA, String hashB) {
        return MessageDigest.isEqual(hashA.getBytes(StandardCharsets.US_ASCII),
                hashB.getBytes(StandardCharsets.US_ASCII));
    }
}
