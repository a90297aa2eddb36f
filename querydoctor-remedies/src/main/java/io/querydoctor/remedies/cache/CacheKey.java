package io.querydoctor.remedies.cache;

import java.util.List;

/**
 * What one cached result answers: the SQL text itself (not only its fingerprint: two texts with the same shape
 * may differ in their literals) and the values bound to it, normalized by {@link BoundValues}.
 */
record CacheKey(String sql, List<Object> values) {}
