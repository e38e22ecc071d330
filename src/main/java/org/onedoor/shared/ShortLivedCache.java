package org.onedoor.shared;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Values read from the database kept for a short while on this node, for data that changes rarely and is read on every
 * request (a unit's name, a city's wording of a message). Caches are optimisations (ADR 0015): another node's change is
 * seen here after at most the lifetime, this node's own change at once when its writer calls {@link #forget()} when
 * writing and again once its transaction is over (after its commit, a reader may have read the old value meanwhile). A value read before a {@code forget()} is never kept after it, so a
 * load that raced a change cannot keep the old value alive. When it holds {@code capacity} values it starts afresh.
 */
public final class ShortLivedCache<K, V> {

    private record Entry<V>(V value, long until) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long lifetimeNanos;
    private final int capacity;
    private final LongSupplier nanoTime;

    public ShortLivedCache(Duration lifetime, int capacity) {
        this(lifetime, capacity, System::nanoTime);
    }

    ShortLivedCache(Duration lifetime, int capacity, LongSupplier nanoTime) {
        if (lifetime.isNegative() || lifetime.isZero() || capacity < 1) throw new IllegalArgumentException("lifetime and capacity must be positive");
        this.lifetimeNanos = lifetime.toNanos();
        this.capacity = capacity;
        this.nanoTime = nanoTime;
    }

    /** The value kept for the key if it is still fresh, else the one {@code load} reads now (kept unless a change came meanwhile). */
    public V get(K key, Function<K, V> load) {
        var now = nanoTime.getAsLong();
        var kept = entries.get(key);
        if (kept != null && kept.until() - now > 0) return kept.value();
        var before = generation.get();
        var value = load.apply(key);
        if (generation.get() == before) {
            if (entries.size() >= capacity) entries.clear();
            entries.put(key, new Entry<>(value, now + lifetimeNanos));
            // a forget() between the check and the put must still win
            if (generation.get() != before) entries.remove(key);
        }
        return value;
    }

    /** Forgets every value, and any value being read at this moment. */
    public void forget() {
        generation.incrementAndGet();
        entries.clear();
    }
}
