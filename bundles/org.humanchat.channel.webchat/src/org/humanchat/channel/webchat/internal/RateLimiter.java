package org.humanchat.channel.webchat.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key: {@code perMinute} requests a minute, bursts up to that many. Buckets of quiet keys are
 * dropped now and then so that the map does not grow with every visitor ever seen.
 */
final class RateLimiter {

    private static final class Bucket {
        double tokens;
        long updatedNanos;
    }

    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private long lastSweepNanos = System.nanoTime();

    RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** 0 when allowed; otherwise the seconds to wait. */
    long acquire(String key) {
        long now = System.nanoTime();
        sweep(now);
        Bucket bucket = buckets.computeIfAbsent(key, k -> {
            Bucket b = new Bucket();
            b.tokens = perMinute;
            b.updatedNanos = now;
            return b;
        });
        synchronized (bucket) {
            double refill = (now - bucket.updatedNanos) / 60e9 * perMinute;
            bucket.tokens = Math.min(perMinute, bucket.tokens + refill);
            bucket.updatedNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) * 60.0 / perMinute));
        }
    }

    private void sweep(long now) {
        if (now - lastSweepNanos < 60e9) {
            return;
        }
        lastSweepNanos = now;
        buckets.entrySet().removeIf(e -> now - e.getValue().updatedNanos > 120e9);
    }
}
