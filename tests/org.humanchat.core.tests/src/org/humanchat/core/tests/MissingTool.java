package org.humanchat.core.tests;

import java.util.Locale;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs outside the build (PostgreSQL, a browser) is missing: on a developer's
 * machine it is skipped with a loud message; on CI ({@code CI} set to {@code true} or {@code 1}, in any case) it
 * fails, so that a green CI run means every test ran.
 */
public final class MissingTool {

    private MissingTool() {
    }

    /** Whether this run must not skip a test: the environment variable {@code CI} is {@code true} or {@code 1}. */
    public static boolean mustNotSkip() {
        String ci = System.getenv("CI");
        return ci != null && (ci.strip().toLowerCase(Locale.ROOT).equals("true") || ci.strip().equals("1"));
    }

    /**
     * Fails the test on CI, skips it elsewhere; says so on the error stream either way. Always throws; declared to
     * return the exception so that a caller can write {@code throw MissingTool.skipOrFail(...)}.
     */
    public static RuntimeException skipOrFail(String message) {
        System.err.println("\n!!!!! " + message + " !!!!!\n");
        if (mustNotSkip()) {
            Assertions.fail(message + " (CI is set: tests must not be skipped)");
        }
        return Assumptions.abort(message);
    }
}
